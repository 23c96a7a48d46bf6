package org.shouhu.services.entity;

/** Who received the worker at a home visit. */
public enum Presence {
  /** A parent or legal guardian (监护人). */
  GUARDIAN,
  /** The person a migrant parent entrusted with the child (受委托监护人), often a grandparent. */
  ENTRUSTED_GUARDIAN,
  /** Nobody at home: the visit still happened and still counts, and it is itself a finding. */
  NOBODY
}

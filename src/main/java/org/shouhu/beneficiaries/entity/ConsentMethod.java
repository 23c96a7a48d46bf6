package org.shouhu.beneficiaries.entity;

/** How consent to process the person's data was given. */
public enum ConsentMethod {
  /** A signed form, kept on paper by the organization. */
  WRITTEN,
  /** Said to the worker, who records it; weakest evidence, to be followed up in writing. */
  ORAL,
  /** Confirmed in an app or by message. */
  ELECTRONIC
}

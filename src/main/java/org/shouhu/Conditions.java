package org.shouhu;

import jakarta.persistence.TypedQuery;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The WHERE clause of a filtered JPQL list and its parameters, built together so a filter cannot be added to one
 * and forgotten in the other (which JPQL reports only at run time). Absent filters add nothing.
 */
public final class Conditions {

  private final StringBuilder where;
  private final Map<String, Object> parameters = new LinkedHashMap<>();

  private Conditions(String always, String name, Object value) {
    this.where = new StringBuilder("(").append(always).append(')');
    parameters.put(name, value);
  }

  /** Starts with the condition every query of the list must carry, e.g. which tenants are a party. */
  public static Conditions always(String clause, String name, Object value) {
    return new Conditions(clause, name, value);
  }

  /** Adds {@code clause} (which uses {@code :name}) only when the filter has a value. */
  public Conditions andIf(Object value, String clause, String name) {
    if (value != null) {
      where.append(" and ").append(clause);
      parameters.put(name, value);
    }
    return this;
  }

  /** Adds a clause without parameters (e.g. {@code x is null}) when {@code applies}. */
  public Conditions andWhen(boolean applies, String clause) {
    if (applies) {
      where.append(" and ").append(clause);
    }
    return this;
  }

  public String where() {
    return where.toString();
  }

  public <T> TypedQuery<T> bind(TypedQuery<T> query) {
    parameters.forEach(query::setParameter);
    return query;
  }
}

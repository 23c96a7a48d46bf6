package org.shouhu.reporting.control;

import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A native report query with named parameters ({@code :from}), bound positionally for EclipseLink. Report queries
 * are native because they aggregate the summary tables; row-level security guards them underneath and every one
 * also names its scope (the organization's project or the bureau) explicitly.
 */
final class Sql {

  private static final Pattern NAME = Pattern.compile("(?<!:):([a-zA-Z][a-zA-Z0-9]*)");

  private final String text;
  private final Map<String, Object> values = new LinkedHashMap<>();

  private Sql(String text) {
    this.text = text;
  }

  static Sql of(String text) {
    return new Sql(text);
  }

  Sql with(String name, Object value) {
    values.put(name, value instanceof LocalDate d ? Rows.sql(d) : value);
    return this;
  }

  Sql with(Map<String, Object> more) {
    more.forEach(this::with);
    return this;
  }

  @SuppressWarnings("unchecked")
  List<Object[]> rows(EntityManager em) {
    List<Object> ordered = new ArrayList<>();
    Matcher m = NAME.matcher(text);
    StringBuilder sql = new StringBuilder();
    while (m.find()) {
      String name = m.group(1);
      if (!values.containsKey(name)) {
        throw new IllegalArgumentException("no value for :" + name);
      }
      ordered.add(values.get(name));
      m.appendReplacement(sql, "?" + ordered.size());
    }
    m.appendTail(sql);
    Query q = em.createNativeQuery(sql.toString());
    for (int i = 0; i < ordered.size(); i++) {
      q.setParameter(i + 1, ordered.get(i));
    }
    List<Object> raw = q.getResultList();
    List<Object[]> out = new ArrayList<>(raw.size());
    for (Object r : raw) {
      out.add(r instanceof Object[] a ? a : new Object[] {r});
    }
    return out;
  }
}

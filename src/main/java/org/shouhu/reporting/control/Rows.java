package org.shouhu.reporting.control;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.util.UUID;

/** Reading the columns of native report queries, whatever JDBC type the driver chose for them. */
final class Rows {

  private Rows() {}

  static UUID uuid(Object o) {
    return o == null ? null : o instanceof UUID u ? u : UUID.fromString(o.toString());
  }

  static long number(Object o) {
    return o == null ? 0 : ((Number) o).longValue();
  }

  static BigDecimal decimal(Object o) {
    return o == null ? BigDecimal.ZERO : o instanceof BigDecimal b ? b : new BigDecimal(o.toString());
  }

  static LocalDate date(Object o) {
    return o == null ? null : o instanceof Date d ? d.toLocalDate() : o instanceof LocalDate l ? l : LocalDate.parse(o.toString());
  }

  static Date sql(LocalDate d) {
    return Date.valueOf(d);
  }
}

package org.shouhu.reporting.control;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * How a period of days is read from the monthly roll-up (report_monthly, V230) and the day rows (report_daily): the
 * months to read whole, and the day ranges to add or to take away, so that the counters summed over all of them are
 * exactly those of the period's days. Every month strictly inside the period is read whole. A partial first or last
 * month is read either as its days inside the period, or as the whole month minus its days outside the period,
 * whichever reads fewer day rows; a day after today is counted as free (no service is logged in the future), so a
 * period ending today reads its current month whole, minus an empty range of days to come.
 *
 * @param firstMonth first day of the first month read whole, null if none
 * @param lastMonth first day of the last month read whole (the months between are read too), null if none
 * @param days day ranges of report_daily, each inside one month, added (sign 1) or taken away (sign -1)
 */
record MonthlyRollUp(LocalDate firstMonth, LocalDate lastMonth, List<Days> days) {

  /** The days {@code from} to {@code to}, both included, counted {@code sign} times. */
  record Days(LocalDate from, LocalDate to, int sign) {}

  static MonthlyRollUp of(LocalDate from, LocalDate to, LocalDate today) {
    if (to.isBefore(from)) {
      throw new IllegalArgumentException("a period ends on or after its start");
    }
    LocalDate first = null;
    LocalDate last = null;
    List<Days> days = new ArrayList<>();
    for (LocalDate month = from.withDayOfMonth(1); !month.isAfter(to); month = month.plusMonths(1)) {
      LocalDate end = month.plusMonths(1).minusDays(1);
      List<Days> outside = new ArrayList<>();
      if (month.isBefore(from)) {
        outside.add(new Days(month, from.minusDays(1), -1));
      }
      if (to.isBefore(end)) {
        outside.add(new Days(to.plusDays(1), end, -1));
      }
      Days inside = new Days(from.isAfter(month) ? from : month, to.isBefore(end) ? to : end, 1);
      long outsideCost = outside.stream().mapToLong(d -> cost(d, today)).sum();
      if (!outside.isEmpty() && outsideCost >= cost(inside, today)) {
        days.add(inside);
        continue;
      }
      // Days after today are still taken away (an index probe that finds nothing): exact whatever the clock says.
      days.addAll(outside);
      first = first == null ? month : first;
      last = month;
    }
    return new MonthlyRollUp(first, last, List.copyOf(days));
  }

  /** Days of a range on or before today: a day row is only read for those. */
  private static long cost(Days d, LocalDate today) {
    LocalDate end = d.to().isAfter(today) ? today : d.to();
    return end.isBefore(d.from()) ? 0 : ChronoUnit.DAYS.between(d.from(), end) + 1;
  }
}

package org.shouhu.regions.control;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.shouhu.regions.control.ChinaDivisionCsv.Table;
import org.shouhu.regions.entity.DivisionCode;

/**
 * The national table from provinces down to towns, checked to be one tree before a single row is stored: a
 * table with an orphan would let records point at a town whose county cannot be shown, and the database would
 * only say so halfway through the load.
 *
 * <p>The source lists a city without counties twice: once as a city ({@code 4419} 东莞市) and once as a county
 * with the same widened code ({@code 441900} 东莞市, its towns' {@code areaCode}). That second row restates the
 * first and is dropped; {@code DivisionCode} already reads {@code 441900} as a city and calls it the "county" of
 * its towns. Any other pair of rows sharing a code is a contradiction and refused.
 */
public final class DivisionTree {

  private final Map<DivisionCode, Division> byCode;

  private DivisionTree(Map<DivisionCode, Division> byCode) {
    this.byCode = byCode;
  }

  /** The shipped files of the package. */
  public static DivisionTree shipped() {
    Map<Table, List<Division>> tables = new LinkedHashMap<>();
    for (Table table : List.of(Table.PROVINCES, Table.CITIES, Table.COUNTIES, Table.TOWNS)) {
      tables.put(table, ChinaDivisionCsv.readAll(table, ChinaDivisionCsv.open(table)));
    }
    return of(tables);
  }

  /**
   * @param tables rows per file, in the order provinces, cities, counties, towns: a parent must be known before
   *     its children
   * @throws IllegalStateException naming the first row that breaks the tree
   */
  public static DivisionTree of(Map<Table, List<Division>> tables) {
    Map<DivisionCode, Division> byCode = new LinkedHashMap<>();
    tables.forEach(
        (table, rows) -> {
          for (Division row : rows) {
            add(byCode, table, row);
          }
        });
    return new DivisionTree(byCode);
  }

  private static void add(Map<DivisionCode, Division> byCode, Table table, Division row) {
    Division known = byCode.get(row.code());
    if (known != null) {
      boolean restatesItsCity = row.code().equals(row.parent()) && known.name().equals(row.name());
      if (restatesItsCity) {
        return;
      }
      throw new IllegalStateException(
          "two divisions share code " + row.code() + ": " + known.name() + " and " + row.name());
    }
    if (row.level() != table.level()) {
      throw new IllegalStateException(
          table.resource() + " lists " + row.code() + " " + row.name() + " whose code reads as "
              + row.level() + ", not " + table.level());
    }
    if (row.parent() == null && row.level() != DivisionCode.Level.PROVINCE) {
      throw new IllegalStateException(row.code() + " " + row.name() + " has no parent");
    }
    if (row.parent() != null && !byCode.containsKey(row.parent())) {
      throw new IllegalStateException(
          row.code() + " " + row.name() + " names parent " + row.parent() + ", which is not in the table");
    }
    byCode.put(row.code(), row);
  }

  /** Every division, each after its parent: the order a foreign key checked row by row would need. */
  public List<Division> parentsFirst() {
    return Collections.unmodifiableList(new ArrayList<>(byCode.values()));
  }

  public Optional<Division> get(DivisionCode code) {
    return Optional.ofNullable(byCode.get(code));
  }

  /** From the province down to {@code code} itself; empty if the code is not in the table. */
  public List<Division> path(DivisionCode code) {
    List<Division> path = new ArrayList<>();
    for (Division d = byCode.get(code); d != null; d = d.parent() == null ? null : byCode.get(d.parent())) {
      path.add(0, d);
    }
    return path;
  }

  public int size() {
    return byCode.size();
  }
}

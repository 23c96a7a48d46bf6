package org.shouhu.regions.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.shouhu.problems.entity.ProblemException;
import org.shouhu.regions.entity.DivisionCode;
import org.shouhu.regions.entity.DivisionCode.Level;
import org.shouhu.regions.entity.Region;

/**
 * Looks divisions up and tells other contexts whether a code they are about to store names a real place inside
 * the caller's jurisdiction. Reads need no tenant binding and no transaction: the table is global and, once
 * loaded, only ever grows.
 */
@ApplicationScoped
public class Regions {

  @PersistenceContext(unitName = "shouhu")
  EntityManager em;

  /**
   * Codes found in the table before, so that a POST naming a known place reads no region row (#15). The table only
   * ever grows, so a code once found stays found, on every node; an unknown code is always asked again (a village
   * import may add it). Bounded: emptied when full, which costs a read per code again, nothing more.
   */
  private final Set<String> known = ConcurrentHashMap.newKeySet();

  private static final int KNOWN_LIMIT = 100_000;

  public boolean exists(DivisionCode code) {
    if (known.contains(code.value())) {
      return true;
    }
    boolean found = find(code).isPresent();
    if (found) {
      if (known.size() >= KNOWN_LIMIT) {
        known.clear();
      }
      known.add(code.value());
    }
    return found;
  }

  public Optional<Region> find(DivisionCode code) {
    return Optional.ofNullable(em.find(Region.class, code.value()));
  }

  /**
   * The names of the given codes, in one query: a report naming a dozen towns asks once, not a dozen times (#15).
   * A code that names nothing is simply absent from the answer.
   */
  public Map<String, String> names(Collection<String> codes) {
    Map<String, String> names = new HashMap<>();
    if (codes.isEmpty()) {
      return names;
    }
    for (Object[] row : em.createQuery("select r.code, r.name from Region r where r.code in :codes", Object[].class)
        .setParameter("codes", Set.copyOf(codes))
        .getResultList()) {
      names.put((String) row[0], (String) row[1]);
    }
    return names;
  }

  /**
   * The check every context runs before storing a division code: the code must be in the table and lie within
   * {@code jurisdiction} (the bureau's or organization's area; the code itself counts as within).
   *
   * @param field the request field that carried the code, named in the 400 so the client can point at it
   * @throws ProblemException 400 with field code {@code REGION_OUTSIDE_JURISDICTION} or {@code REGION_UNKNOWN}
   */
  public void requireWithin(DivisionCode code, DivisionCode jurisdiction, String field) {
    // Containment is decided by the digits alone, so the cheaper, more telling refusal comes first.
    if (!code.isWithin(jurisdiction)) {
      throw ProblemException.invalid(
          field,
          "REGION_OUTSIDE_JURISDICTION",
          "Division " + code + " lies outside the jurisdiction " + jurisdiction + ".");
    }
    if (!exists(code)) {
      throw ProblemException.invalid(field, "REGION_UNKNOWN", unknownBecause(code));
    }
  }

  /**
   * The check for a place where someone lives, where there is no jurisdiction to be within: the code must name a
   * known division. A village is known once its county's villages are imported; before that its town must exist,
   * so a mistyped province, county or town is still caught and registration is not blocked on an import.
   *
   * @throws ProblemException 400 with field code {@code REGION_UNKNOWN}
   */
  public void requireKnown(DivisionCode code, String field) {
    if (exists(code)) {
      return;
    }
    if (code.level() == Level.VILLAGE
        && !villagesImported(code.county())
        && exists(DivisionCode.of(code.value().substring(0, 9)))) {
      return;
    }
    throw ProblemException.invalid(field, "REGION_UNKNOWN", unknownBecause(code));
  }

  /** Provinces, in code order. */
  public List<Region> provinces() {
    return em.createQuery(
            "select r from Region r where r.parentCode is null order by r.code", Region.class)
        .getResultList();
  }

  /** The divisions directly below {@code parent}, in code order; villages only once their county is imported. */
  public List<Region> children(DivisionCode parent) {
    return em.createQuery(
            "select r from Region r where r.parentCode = :parent order by r.code", Region.class)
        .setParameter("parent", parent.value())
        .getResultList();
  }

  /**
   * Divisions whose name contains {@code text}, ignoring case: exact names first, then names starting with it,
   * then higher levels before lower, then code order. {@code strpos} rather than {@code LIKE} so that a
   * {@code %} or {@code _} typed by a user is matched literally.
   */
  @SuppressWarnings("unchecked")
  public List<Region> search(String text, Optional<DivisionCode> within, int limit) {
    String needle = text.strip().toLowerCase();
    String prefix = within.map(Regions::codePrefix).orElse("");
    return em.createNativeQuery(
            """
            select code, name, level, parent_code from region
             where strpos(lower(name), ?1) > 0
               and code like ?2
             order by lower(name) = ?1 desc, strpos(lower(name), ?1) = 1 desc, length(code), code
             limit ?3
            """,
            Region.class)
        .setParameter(1, needle)
        .setParameter(2, prefix + "%")
        .setParameter(3, limit)
        .getResultList();
  }

  /** From the province down to {@code code} itself, following stored parents; empty when the code is unknown. */
  @SuppressWarnings("unchecked")
  public List<Region> path(DivisionCode code) {
    return em.createNativeQuery(
            """
            with recursive up (code, name, level, parent_code, depth) as (
              select code, name, level, parent_code, 0 from region where code = ?1
              union all
              select r.code, r.name, r.level, r.parent_code, up.depth + 1
                from region r join up on r.code = up.parent_code
            )
            select code, name, level, parent_code from up order by depth desc
            """,
            Region.class)
        .setParameter(1, code.value())
        .getResultList();
  }

  /** True once the villages of {@code county} have been imported (see {@link VillageImport}). */
  public boolean villagesImported(DivisionCode county) {
    return !em.createNativeQuery("select 1 from region_village_import where county_code = ?1")
        .setParameter(1, county.value())
        .getResultList()
        .isEmpty();
  }

  private String unknownBecause(DivisionCode code) {
    if (code.level() == Level.VILLAGE && exists(DivisionCode.of(code.value().substring(0, 9)))
        && !villagesImported(code.county())) {
      return "Division " + code + " is not known yet: the villages of county " + code.county()
          + " have not been imported.";
    }
    return "Division " + code + " is not a known administrative division.";
  }

  /**
   * The digits that every division within {@code code} shares. Mirrors {@code DivisionCode.isWithin}, which
   * keeps its digit counts to itself; {@code RegionsTest} holds the two in step.
   */
  static String codePrefix(DivisionCode code) {
    int digits =
        switch (code.level()) {
          case PROVINCE -> 2;
          case CITY -> 4;
          case COUNTY -> 6;
          case TOWN -> 9;
          case VILLAGE -> 12;
        };
    return code.value().substring(0, digits);
  }
}

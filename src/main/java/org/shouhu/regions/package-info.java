/**
 * Regions: the administrative divisions of China (行政区划), from provinces down to villages.
 *
 * <p>Owns the {@code region} table, global reference data shared by every tenant, and the rules that tell
 * whether a stored division code names a real place inside a given jurisdiction. Other contexts keep only the
 * {@link org.shouhu.regions.entity.DivisionCode} and ask {@link org.shouhu.regions.control.Regions} to check it.
 *
 * <p>Invariants:
 *
 * <ul>
 *   <li>The table is one tree: every division except a province has a parent that is stored, whose code it
 *       extends. Grouping rows of the source that are no real government (市辖区, 县, 省直辖县级行政区划)
 *       stay in the chain rather than being skipped, because skipping them would leave counties such as
 *       天门市 429006 without a parent row.
 *   <li>A level follows from the code alone ({@link org.shouhu.regions.entity.DivisionCode#level()}); where the
 *       source lists a city without counties twice (东莞市 as city 4419 and as county 441900), it is stored
 *       once, as the city, and its towns hang directly below it.
 *   <li>Provinces, cities, counties and towns (about 45,000) are loaded once, at startup, into an empty table.
 *       Villages (about 620,000) are imported per county on request; an import is recorded and never repeated.
 * </ul>
 *
 * <p>Refuses to rename, move or delete a division: stored records point at codes, so a code must keep its
 * meaning. A new edition of the national table is a migration decided by people, never a silent reload. Refuses
 * to be tenant-scoped: a region is the same place for every organization and bureau.
 */
package org.shouhu.regions;

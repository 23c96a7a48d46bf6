/**
 * Contracts: the purchased service projects (政府购买服务项目) a bureau awards to an organization, with the
 * deliverables that service logging counts against and the payment milestones that evaluations release.
 *
 * <p>A project belongs to the awarded organization's tenant and names its funding bureau, another tenant. It is
 * the one aggregate two tenants share, so it is not an EclipseLink multitenant entity: every query here filters
 * explicitly on "the bound tenant is the organization or the bureau", and the tables' row-level security policy
 * admits exactly those two parties. Any third tenant sees nothing and gets 404.
 *
 * <p>Invariants: only the funding bureau creates and changes a project; the organization reads it and logs work
 * against it but cannot change targets, budget or period. Targets and milestones are fixed once the project is
 * active. Budgets are exact CNY with at most two decimals; milestone shares add up to 100% before activation.
 * Projects are closed or terminated with a reason, never deleted.
 *
 * <p>Evaluations (绩效评估) and satisfaction surveys are two-party data of a project in the same way. Only the funding
 * bureau opens, scores and signs a sheet; the organization reads it once signed. A signed sheet never changes, and
 * only a passed one releases the payment milestone it was opened for. Weights are fixed once a project's first sheet
 * is opened; a score departing from the prefilled one carries a reason. Delivery figures come from
 * {@code control.DeliveryCounts} only, which answers counts, never service records, so the bureau learns how much
 * was delivered without reading the organization's records.
 */
package org.shouhu.contracts;

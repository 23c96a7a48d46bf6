/**
 * Reporting: what the funding bureau pays for and what decides whether a contract is renewed — deliverable
 * progress of a project, and the bureau's portfolio (projects with their status, coverage by town, services,
 * open incidents, data quality, a minimized record list).
 *
 * <p>Owns the summary tables ({@code report_*}, V70–V72) and the database triggers that keep them correct in the
 * same transaction as every change of a service record, a participant, an enrolment or a beneficiary (ADR 0008).
 * Reports read only these summaries, never the service records, so their cost does not grow with the number of
 * records. The progress arithmetic (expected by today, AHEAD / ON_TRACK / BEHIND / AT_RISK, the 30-day pace) is
 * one pure class, {@link org.shouhu.reporting.entity.Progress}; every figure is defined in docs/reporting.md.
 *
 * <p>Invariants: only APPROVED records count toward deliverables; SUBMITTED ones are shown as pending; RETURNED,
 * DRAFT and VOIDED ones count nowhere (a void of an approved record takes its count back). The summaries live in
 * the organization's tenant and carry the project's bureau: the two parties read them, only the organization's own
 * transactions write them.
 *
 * <p>Also owns exports (docs/exports.md, ADR 0009): a report describes itself as an {@code ExportTable} (Chinese
 * headers, typed rows streamed from the database) and one writer per format renders it — XLSX through POI's
 * streaming workbook, CSV in UTF-8 with a BOM and formula injection neutralized, A4 PDF with an embedded Noto Sans SC
 * subset. Files are written while they are sent, in a transaction bound to the caller's tenant, never built whole in
 * memory.
 *
 * <p>Refuses: a project's report to anyone but its organization's staff and its bureau's officers (404); the
 * portfolio to anyone but a BUREAU_OFFICER (403); personal data to the bureau beyond masked names and towns — no
 * citizen ids, phones, villages, findings or notes; a period ending before it starts or longer than five years.
 */
package org.shouhu.reporting;

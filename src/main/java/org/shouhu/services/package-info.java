/**
 * Services: the work social workers log against project deliverables, its review, and the safety of logging it
 * from a phone on a weak network.
 *
 * <p>Owns service records ({@code service_record}, its participants and home-visit findings). A record belongs to
 * one deliverable of one of the organization's own active projects, serves people enrolled in that project, and
 * lies inside the project's period and covered towns. Its review is an explicit state machine (see
 * {@link org.shouhu.services.entity.ServiceRecord}); only APPROVED records count toward deliverables. Every rule is
 * one small class with a stable code ({@code control/*Rule}, listed in docs/services.md).
 *
 * <p>Refuses: a worker in two places at once (409), records of another worker's for editing, review of one's own
 * record, deletion of anything (records are voided). The funding bureau has no access to records (it sees counts in
 * reports). Monthly periods lock ({@link org.shouhu.services.control.PeriodLockRule}): a record in a locked month
 * changes only by ORG_ADMIN, audited. Mandatory reports (强制报告) open incidents shared with the funding bureau,
 * minimized (see {@link org.shouhu.services.entity.Incident}).
 *
 * <p>Owns counseling cases ({@link org.shouhu.services.entity.CounselingCase}: intake, assessment, plan, sessions,
 * closure proposed by the case worker and confirmed by a supervisor, which alone counts toward a CASE deliverable)
 * and groups ({@link org.shouhu.services.entity.ServiceGroup}: dated memberships, sessions with attendance for every
 * member). Their sessions are service records of kinds COUNSELING_SESSION and GROUP_SESSION, so every rule, the
 * review and the period lock apply unchanged; they are revised only through their case or group. A session's
 * confidential note lives apart ({@code session_note}), sealed with the beneficiaries context's cipher, and is read
 * only through its own audited endpoint by the case worker, SUPERVISOR or ORG_ADMIN: never in a list, a view or the
 * review queue, never by another worker or the bureau (docs/adr/0006). A school activity counts its audience and
 * may list nobody; those it lists are enrolled, and there are never more of them than the count.
 *
 * <p>Also owns evidence files ({@code evidence}, {@code evidence_content}; {@link
 * org.shouhu.services.entity.Evidence}): attached by a record's worker while the record is theirs to change,
 * recognized by their bytes (JPEG, PNG, WebP, HEIC, PDF; nothing else), at most 10 MiB, identified by SHA-256 within
 * their record, photo location data removed before storing (JPEG, PNG, WebP), voided never deleted. Shared with the
 * funding bureau of the record's project once the record is handed in, through two-party rows carrying a minimal
 * summary of the record, never the record itself. Refuses: another type whatever it is called, a file for a kind that
 * takes none.
 *
 * <p>Also owns request idempotency: every POST, PUT or PATCH may carry an {@code Idempotency-Key}; a retry with the
 * same key and the same body gets the first answer replayed and changes nothing, the same key with a different body
 * is refused (422). Keys are per tenant and per user. Invariant: a key's row commits with the request's effect and
 * answer or not at all, so no key is ever left half done; a refused request keeps no key.
 */
package org.shouhu.services;

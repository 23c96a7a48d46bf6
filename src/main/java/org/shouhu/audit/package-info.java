/**
 * Audit: the append-only trail of who did what to which record, per tenant.
 *
 * <p>Owns audit events. Written in the same transaction as the change they describe, so a change and its trail
 * commit or vanish together. The application role may insert and read events of its own tenant but never update
 * or delete them. Events name records by id and never copy personal data into the trail.
 *
 * <p>Each tenant's events form a hash chain written by the database at the insert (V145, ADR 0013): a sequence
 * number and a SHA-256 over the previous event's hash and the event's content. {@code AuditChain} walks it for the
 * verification endpoints, which name the first broken link.
 */
package org.shouhu.audit;

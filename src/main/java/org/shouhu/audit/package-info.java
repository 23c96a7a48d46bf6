/**
 * Audit: the append-only trail of who did what to which record, per tenant.
 *
 * <p>Owns audit events. Written in the same transaction as the change they describe, so a change and its trail
 * commit or vanish together. The application role may insert and read events of its own tenant but never update
 * or delete them. Events name records by id and never copy personal data into the trail.
 */
package org.shouhu.audit;

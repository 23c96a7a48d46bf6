/**
 * Services: the work social workers log against project deliverables (home visits, counseling, groups, school
 * activities), its review, and the safety of logging it from a phone on a weak network.
 *
 * <p>So far this context owns request idempotency: every POST may carry an {@code Idempotency-Key}; a retry with
 * the same key and the same body gets the first answer replayed and changes nothing, the same key with a
 * different body is refused (422). Keys are per tenant and per user. Service records themselves follow (#4).
 */
package org.shouhu.services;

/**
 * Problems: how every failure leaves the system.
 *
 * <p>Owns the single mapping from exceptions to RFC 9457 {@code application/problem+json} documents. Every
 * problem carries a stable {@code code} that staff and the bureau can quote, a human {@code detail}, the request
 * id, and for validation failures one entry per offending field. Nothing else in the code base writes an error
 * response by hand.
 *
 * <p>Refuses to leak: no stack trace, SQL text or personal data ever reaches a response body; unexpected failures
 * become a 500 with only the request id, and the cause is logged under that id.
 */
package org.shouhu.problems;

/**
 * Jobs: background work that any application node can run and any other node can take over.
 *
 * <p>Owns the queue ({@code job} table, {@code JobQueue}): a job is claimed with {@code FOR UPDATE SKIP LOCKED}
 * under a lease (node id, lease token, {@code leased_until}) that the running node renews; every transaction that
 * commits a job's work re-checks the token first, so a node whose lease was taken over stops at its next batch
 * instead of writing twice. A job whose lease expired (its node died) is claimed by the next poll of any node and
 * resumed by its handler from its last committed batch, or failed with a stable code. Owns the node's scratch
 * space too ({@code ScratchSpace}): the only folder where the application writes temporary files, swept of what
 * dead processes left at start-up.
 *
 * <p>Invariants: the queue holds ids and leases, never personal data; a job binds its tenant explicitly in each
 * transaction (from the queue row, never from a token); a job is attempted at most {@code shouhu.jobs.max-attempts}
 * times. Refuses nothing of its own: what a job does and refuses belongs to the context that handles its kind.
 */
package org.shouhu.jobs;

/**
 * Tenancy: who the tenants are and how their data is kept apart.
 *
 * <p>Owns the tenant registry (organizations identified by their GB 32100 credit code, bureaus by the GB/T 2260
 * code of their jurisdiction, and the platform operator), the provisioning of tenants from {@code tenants/}, and
 * the binding of a transaction to exactly one tenant. Owns the work that runs outside a request as well, because
 * it too must bind its tenant explicitly: the background job queue ({@code job} table, {@code JobQueue}), where a
 * job is claimed with {@code FOR UPDATE SKIP LOCKED} under a lease that the running node renews and every
 * committing transaction re-proves, so a node whose lease was taken over stops at its next batch instead of writing
 * twice; a job whose node died is claimed by any other node's poll and resumed by its handler from its last
 * committed batch, or failed with a stable code. And the node's scratch space ({@code ScratchSpace}), the only
 * folder where the application writes temporary files, swept of what dead processes left at start-up.
 *
 * <p>Invariants: the tenant of a request comes only from its verified token; a transaction is bound before it
 * touches tenant-owned data, to one tenant only, through both EclipseLink's tenant discriminator and the
 * PostgreSQL setting {@code app.tenant_id} that row-level security reads. A suspended tenant's tokens stop
 * working at once. Tenants are suspended, never deleted. The job queue holds ids and leases, never personal data;
 * a job binds its tenant from its queue row in each transaction, never from a token, and is attempted at most
 * {@code shouhu.jobs.max-attempts} times.
 */
package org.shouhu.tenancy;

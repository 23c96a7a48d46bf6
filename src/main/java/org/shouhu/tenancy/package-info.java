/**
 * Tenancy: who the tenants are and how their data is kept apart.
 *
 * <p>Owns the tenant registry (organizations identified by their GB 32100 credit code, bureaus by the GB/T 2260
 * code of their jurisdiction, and the platform operator), the provisioning of tenants from {@code tenants/}, and
 * the binding of a transaction to exactly one tenant.
 *
 * <p>Invariants: the tenant of a request comes only from its verified token; a transaction is bound before it
 * touches tenant-owned data, to one tenant only, through both EclipseLink's tenant discriminator and the
 * PostgreSQL setting {@code app.tenant_id} that row-level security reads. A suspended tenant's tokens stop
 * working at once. Tenants are suspended, never deleted.
 */
package org.shouhu.tenancy;

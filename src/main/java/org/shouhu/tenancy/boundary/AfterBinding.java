package org.shouhu.tenancy.boundary;

/**
 * A check that belongs in the request's own transaction, right after {@link TenantBinding} has bound the caller's
 * tenant and before the boundary method does anything. Another context implements it (identity checks the caller's
 * standing there), so that a request needs one transaction, not one for the check and one for the work.
 *
 * <p>Runs once per request: an implementation that has nothing left to check returns at once, so nested boundaries
 * bound in the same request cost nothing more.
 */
public interface AfterBinding {

  /** Throws to refuse the request; the transaction rolls back before the method has done anything. */
  void afterBinding();
}

package org.shouhu.tenancy.boundary;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import org.shouhu.tenancy.control.TenantSession;

/**
 * Binds the tenant of the verified token to the transaction before the boundary method runs. Its priority puts
 * it inside the {@code @Transactional} interceptor (which runs at PLATFORM_BEFORE + 200), so the binding lands
 * in the transaction the method's work will use. The {@link AfterBinding} checks run next, in that same transaction.
 */
@BindTenant
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 250)
public class TenantBinding {

  @Inject Caller caller;
  @Inject TenantSession session;
  @Inject Instance<AfterBinding> checks;

  @AroundInvoke
  Object bind(InvocationContext invocation) throws Exception {
    session.bind(caller.tenant());
    for (AfterBinding check : checks) {
      check.afterBinding();
    }
    return invocation.proceed();
  }
}

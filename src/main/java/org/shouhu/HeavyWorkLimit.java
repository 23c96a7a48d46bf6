package org.shouhu;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.shouhu.Bulkheads.Permit;

/**
 * Runs a {@link HeavyWork} method only with a permit of its pool. Outside {@code @Transactional} (PLATFORM_BEFORE +
 * 200), so a refused request never takes a database connection.
 *
 * <p>The permit is held until the request's response is written, not merely until the method returns: a file
 * export returns a {@link StreamingOutput} and renders while it is sent. The streaming body gives the permit back
 * when it is written (or fails); {@link RequestPermits} gives back whatever the request still holds when it ends,
 * so no path can keep a permit (a response that is never written, a client gone before the first byte).
 */
// The pool named here does not matter: HeavyWork.value is @Nonbinding, so this binds to every pool.
@HeavyWork(HeavyWork.Pool.EXPORTS)
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 100)
public class HeavyWorkLimit {

  @Inject Bulkheads bulkheads;
  @Inject RequestPermits held;

  @AroundInvoke
  Object limit(InvocationContext invocation) throws Exception {
    HeavyWork work = invocation.getMethod().getAnnotation(HeavyWork.class);
    if (work == null) {
      work = invocation.getMethod().getDeclaringClass().getAnnotation(HeavyWork.class);
    }
    Permit permit = bulkheads.enter(work.value());
    held.add(permit);
    Object result;
    try {
      result = invocation.proceed();
    } catch (Exception | Error e) {
      permit.close();
      throw e;
    }
    if (result instanceof Response response && response.getEntity() instanceof StreamingOutput body) {
      StreamingOutput releasing = out -> {
        try {
          body.write(out);
        } finally {
          permit.close();
        }
      };
      return Response.fromResponse(response).entity(releasing).build();
    }
    return result;
  }
}

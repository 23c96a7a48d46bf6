package org.shouhu;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.RequestScoped;
import java.util.ArrayList;
import java.util.List;
import org.shouhu.Bulkheads.Permit;

/**
 * The bulkhead permits of one request, given back when the request context ends, which for a synchronous request is
 * after its response has been written. The backstop of {@link HeavyWorkLimit}: a permit that nothing else closed
 * would shrink its pool for good.
 */
@RequestScoped
public class RequestPermits {

  private final List<Permit> permits = new ArrayList<>();

  void add(Permit permit) {
    permits.add(permit);
  }

  @PreDestroy
  void release() {
    permits.forEach(Permit::close);
    permits.clear();
  }
}

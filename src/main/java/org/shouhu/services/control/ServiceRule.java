package org.shouhu.services.control;

import java.util.Optional;

/**
 * One rule about a service record with its own stable code (listed in docs/services.md). A rule that cannot judge
 * because an earlier one failed (times out of order, say) stays silent rather than report a consequence twice.
 */
public interface ServiceRule {

  String code();

  Optional<Breach> check(Candidate record);
}

package org.shouhu.services.boundary;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.shouhu.services.control.ServiceGroups;
import org.shouhu.services.entity.ServiceGroup;

/** A group with every membership, past and current, as its facilitator, supervisors and ORG_ADMIN see it. */
public record GroupView(
    UUID id, UUID projectId, String name, String purpose, int plannedSessions, String schedule, int sessionCount,
    UUID facilitatorId,
    String status, int memberCount, List<MemberView> members, LocalDate closedOn, String closureSummary,
    UUID closedBy, String voidReason, OffsetDateTime createdAt, OffsetDateTime updatedAt, long version) {

  public record MemberView(UUID beneficiaryId, LocalDate joinedOn, LocalDate leftOn, boolean current) {}

  /** A group session: the service record (participants are the members present) and every member's attendance. */
  public record GroupSessionView(ServiceView record, List<AttendanceView> attendance) {

    static GroupSessionView of(ServiceGroups.Held held) {
      return new GroupSessionView(ServiceView.of(held.record()), held.attendance().stream()
          .map(a -> new AttendanceView(a.member().value(), a.attendance().name()))
          .toList());
    }
  }

  public record AttendanceView(UUID beneficiaryId, String attendance) {}

  static GroupView of(ServiceGroup g) {
    return new GroupView(g.id(), g.projectId().value(), g.name(), g.purpose(), g.plannedSessions(), g.schedule(), g.sessionCount(),
        g.facilitatorId(), g.status().name(), g.memberCount(),
        g.memberships().stream()
            .map(m -> new MemberView(m.beneficiaryId().value(), m.joinedOn(), m.leftOn(), m.isCurrent()))
            .toList(),
        g.closedOn(), g.closureSummary(), g.closedBy(), g.voidReason(), g.createdAt(), g.updatedAt(), g.version());
  }
}

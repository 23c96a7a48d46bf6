package org.shouhu.services.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.shouhu.beneficiaries.entity.BeneficiaryId;
import org.shouhu.contracts.entity.ProjectId;
import org.shouhu.problems.entity.InvalidValueException;
import org.shouhu.problems.entity.StateConflictException;

class ServiceGroupTest {

  static final UUID FACILITATOR = UUID.randomUUID();
  static final LocalDate TODAY = LocalDate.of(2026, 4, 30);
  static final BeneficiaryId A = BeneficiaryId.random();
  static final BeneficiaryId B = BeneficiaryId.random();
  static final BeneficiaryId C = BeneficiaryId.random();

  static ServiceGroup group() {
    return ServiceGroup.open(new ProjectId(UUID.randomUUID()), "阳光成长小组", "提升留守儿童的人际交往能力", 6, FACILITATOR);
  }

  static String conflict(Runnable action) {
    return assertThrows(StateConflictException.class, action::run).code();
  }

  static String invalid(Runnable action) {
    return assertThrows(InvalidValueException.class, action::run).code();
  }

  static Map<BeneficiaryId, Attendance> lines(Object... pairs) {
    Map<BeneficiaryId, Attendance> m = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      m.put((BeneficiaryId) pairs[i], (Attendance) pairs[i + 1]);
    }
    return m;
  }

  @Test
  void membersJoinAndLeaveOnDatesAndAttendanceFollowsTheDay() {
    ServiceGroup g = group();
    g.join(A, LocalDate.of(2026, 4, 1), TODAY);
    g.join(B, LocalDate.of(2026, 4, 1), TODAY);
    g.join(C, LocalDate.of(2026, 4, 15), TODAY);
    g.leave(B, LocalDate.of(2026, 4, 20), TODAY);
    assertEquals(2, g.memberCount());
    assertEquals(Set.of(A, B), g.membersOn(LocalDate.of(2026, 4, 10)));
    assertEquals(Set.of(A, B, C), g.membersOn(LocalDate.of(2026, 4, 20)), "the day they leave they still belong");
    assertEquals(Set.of(A, C), g.membersOn(LocalDate.of(2026, 4, 21)));

    Set<BeneficiaryId> present = g.takeAttendance(LocalDate.of(2026, 4, 10), lines(A, Attendance.PRESENT, B, Attendance.EXCUSED));
    assertEquals(Set.of(A), present);
    assertEquals(3, g.memberships().size(), "nobody is deleted");
  }

  @Test
  void attendanceCoversEveryMemberOfTheDayAndNobodyElse() {
    ServiceGroup g = group();
    g.join(A, LocalDate.of(2026, 4, 1), TODAY);
    g.join(B, LocalDate.of(2026, 4, 1), TODAY);
    LocalDate day = LocalDate.of(2026, 4, 10);
    assertEquals("GRP_ATTENDANCE_INCOMPLETE", invalid(() -> g.takeAttendance(day, lines(A, Attendance.PRESENT))));
    assertEquals("GRP_NOT_A_MEMBER", invalid(() -> g.takeAttendance(day,
        lines(A, Attendance.PRESENT, B, Attendance.ABSENT, C, Attendance.PRESENT))));
    assertEquals("GRP_NOBODY_PRESENT", invalid(() -> g.takeAttendance(day, lines(A, Attendance.ABSENT, B, Attendance.EXCUSED))));
    assertEquals("GRP_NOT_A_MEMBER", invalid(() -> g.takeAttendance(LocalDate.of(2026, 3, 31), lines(A, Attendance.PRESENT))),
        "not yet a member the day before joining");
  }

  @Test
  void membershipRules() {
    ServiceGroup g = group();
    g.join(A, LocalDate.of(2026, 4, 1), TODAY);
    assertEquals("GRP_ALREADY_MEMBER", conflict(() -> g.join(A, LocalDate.of(2026, 4, 2), TODAY)));
    assertEquals("GRP_NOT_A_MEMBER", conflict(() -> g.leave(B, LocalDate.of(2026, 4, 2), TODAY)));
    assertEquals("GRP_LEFT_BEFORE_JOINED", invalid(() -> g.leave(A, LocalDate.of(2026, 3, 30), TODAY)));
    assertEquals("GRP_DATE_IN_FUTURE", invalid(() -> g.join(B, TODAY.plusDays(1), TODAY)));
    g.leave(A, LocalDate.of(2026, 4, 10), TODAY);
    assertEquals("GRP_ALREADY_MEMBER", conflict(() -> g.join(A, LocalDate.of(2026, 4, 10), TODAY)), "overlaps the old membership");
    g.join(A, LocalDate.of(2026, 4, 12), TODAY);
    assertEquals(2, g.memberships().size(), "coming back is a new membership");
    assertTrue(g.membersOn(LocalDate.of(2026, 4, 11)).isEmpty());
  }

  @Test
  void aClosedGroupTakesNoMoreMembersNorSessions() {
    ServiceGroup g = group();
    g.join(A, LocalDate.of(2026, 4, 1), TODAY);
    assertEquals(1, g.numberNextSession());
    assertEquals("GRP_SESSIONS_PENDING", conflict(() -> g.close(TODAY, "完成", FACILITATOR, TODAY, 1)));
    g.close(TODAY, "六节活动全部完成", FACILITATOR, TODAY, 0);
    assertEquals(GroupStatus.CLOSED, g.status());
    assertEquals("GRP_NOT_OPEN", conflict(g::numberNextSession));
    assertEquals("GRP_NOT_OPEN", conflict(() -> g.join(B, TODAY, TODAY)));
    assertEquals("GRP_NOT_OPEN", conflict(() -> g.close(TODAY, "again", FACILITATOR, TODAY, 0)));
    g.voidBecause("重复建组", FACILITATOR, 0);
    assertEquals("GRP_ALREADY_VOIDED", conflict(() -> g.voidBecause("again", FACILITATOR, 0)));
  }

  @Test
  void aGroupSessionServesTheMembersPresentAndNeedsATopic() {
    java.time.OffsetDateTime three = java.time.OffsetDateTime.of(2026, 4, 10, 15, 0, 0, 0, java.time.ZoneOffset.ofHours(8));
    org.shouhu.regions.entity.DivisionCode place = org.shouhu.regions.entity.DivisionCode.of("429006104201");
    ServiceRecord s = ServiceRecord.groupSession(new ProjectId(UUID.randomUUID()), UUID.randomUUID(), FACILITATOR,
        UUID.randomUUID(), 1, three, three.plusHours(1), place, Set.of(A, B), " 情绪小怪兽 ", Set.of());
    assertEquals(Set.of(A, B), s.participants());
    assertEquals("情绪小怪兽", s.sessionTopic());
    s.reviseSession(three, three.plusHours(1), place, Set.of(A), null, "情绪小怪兽", Set.of());
    assertEquals(Set.of(A), s.participants(), "a member marked absent on revision is no longer served");
    assertEquals("REQUIRED", invalid(() -> ServiceRecord.groupSession(new ProjectId(UUID.randomUUID()), UUID.randomUUID(),
        FACILITATOR, UUID.randomUUID(), 2, three, three.plusHours(1), place, Set.of(A), " ", Set.of())));
  }

  @Test
  void plannedSessionsAreBounded() {
    assertEquals("GRP_PLANNED_SESSIONS_RANGE",
        invalid(() -> ServiceGroup.open(new ProjectId(UUID.randomUUID()), "n", "p", 0, FACILITATOR)));
    assertEquals("REQUIRED", invalid(() -> ServiceGroup.open(new ProjectId(UUID.randomUUID()), " ", "p", 3, FACILITATOR)));
  }

  @Test
  void handsAnOpenGroupOverToAnotherFacilitator() {
    ServiceGroup g = group();
    UUID other = UUID.randomUUID();
    g.reassignTo(other);
    assertTrue(g.isFacilitatedBy(other));
    g.close(TODAY, "结束", other, TODAY, 0);
    assertEquals("GRP_NOT_OPEN", conflict(() -> g.reassignTo(FACILITATOR)));
  }
}

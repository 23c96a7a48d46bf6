package org.shouhu.services.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.shouhu.beneficiaries.entity.BeneficiaryId;
import org.shouhu.contracts.entity.ProjectId;
import org.shouhu.contracts.entity.ServiceKind;
import org.shouhu.problems.entity.InvalidValueException;
import org.shouhu.problems.entity.StateConflictException;
import org.shouhu.regions.entity.DivisionCode;

/** School activities: the activity's own invariants, the record's, and the evidence attached to it. */
class SchoolActivityTest {

  static final UUID WORKER = UUID.randomUUID();
  static final UUID SUPERVISOR = UUID.randomUUID();
  // 23:30 UTC is already the next morning in China: the evidence's service day is China's.
  static final OffsetDateTime START = OffsetDateTime.of(2026, 3, 9, 23, 30, 0, 0, ZoneOffset.UTC);
  static final DivisionCode SCHOOL_TOWN = DivisionCode.of("429006104");

  static SchoolActivity talk(int count) {
    return SchoolActivity.of("  多宝镇中心小学 ", SchoolTopic.ANTI_DROWNING, null, count);
  }

  static ServiceRecord activity(Set<BeneficiaryId> listed, int count) {
    return ServiceRecord.schoolActivity(new ProjectId(UUID.randomUUID()), UUID.randomUUID(), WORKER, START,
        START.plusHours(2), SCHOOL_TOWN, listed, talk(count), Set.of());
  }

  static String invalid(Runnable r) {
    return assertThrows(InvalidValueException.class, r::run).code();
  }

  @Test
  void anActivityNamesItsSchoolTopicAndCount() {
    SchoolActivity a = talk(320);
    assertEquals("多宝镇中心小学", a.school());
    assertEquals(SchoolTopic.ANTI_DROWNING, a.topic());
    assertEquals(320, a.participantCount());
  }

  @Test
  void otherTopicsSayWhatTheyWere() {
    assertEquals("SVC_TOPIC_NOTE_REQUIRED", invalid(() -> SchoolActivity.of("一中", SchoolTopic.OTHER, " ", 30)));
    assertEquals("交通安全", SchoolActivity.of("一中", SchoolTopic.OTHER, "交通安全", 30).topicNote());
  }

  @Test
  void theCountIsSensible() {
    assertEquals("SVC_PARTICIPANT_COUNT_RANGE", invalid(() -> talk(0)));
    assertEquals("SVC_PARTICIPANT_COUNT_RANGE", invalid(() -> talk(SchoolActivity.MAX_COUNT + 1)));
    assertEquals(SchoolActivity.MAX_COUNT, talk(SchoolActivity.MAX_COUNT).participantCount());
    assertEquals("REQUIRED", invalid(() -> SchoolActivity.of("一中", SchoolTopic.POLICY_TALK, null, null)));
    assertEquals("REQUIRED", invalid(() -> SchoolActivity.of(" ", SchoolTopic.POLICY_TALK, null, 10)));
    assertEquals("TOO_LONG", invalid(() -> SchoolActivity.of("校".repeat(101), SchoolTopic.POLICY_TALK, null, 10)));
  }

  @Test
  void anActivityMayListNobodyUnlikeAVisit() {
    ServiceRecord r = activity(Set.of(), 300);
    assertEquals(ServiceKind.SCHOOL_ACTIVITY, r.kind());
    assertTrue(r.participants().isEmpty());
    assertEquals(300, r.schoolActivity().participantCount());
    assertNull(r.homeVisit());
    assertEquals("SVC_PARTICIPANTS_REQUIRED", invalid(() -> ServiceRecord.homeVisit(new ProjectId(UUID.randomUUID()),
        UUID.randomUUID(), WORKER, START, START.plusHours(1), DivisionCode.of("429006104201"), Set.of(),
        ServiceRecordTest.report(4, null), Set.of())));
  }

  @Test
  void theCountIsAtLeastTheList() {
    Set<BeneficiaryId> three = Set.of(BeneficiaryId.random(), BeneficiaryId.random(), BeneficiaryId.random());
    assertEquals("SVC_PARTICIPANT_COUNT_BELOW_LIST", invalid(() -> activity(three, 2)));
    assertEquals(3, activity(three, 3).participants().size());
  }

  @Test
  void itIsRevisedAsASchoolActivityOnlyAndOnlyWhileTheWorkersToChange() {
    ServiceRecord r = activity(Set.of(), 300);
    r.reviseSchoolActivity(START, START.plusHours(1), SCHOOL_TOWN, Set.of(),
        SchoolActivity.of("多宝镇中心小学", SchoolTopic.MENTAL_HEALTH, null, 280), Set.of());
    assertEquals(SchoolTopic.MENTAL_HEALTH, r.schoolActivity().topic());
    assertEquals("SVC_KIND_MISMATCH", assertThrows(StateConflictException.class, () -> r.revise(START,
        START.plusHours(1), SCHOOL_TOWN, Set.of(BeneficiaryId.random()), ServiceRecordTest.report(4, null), Set.of())).code());
    ServiceRecord visit = ServiceRecordTest.draft();
    assertEquals("SVC_KIND_MISMATCH", assertThrows(StateConflictException.class, () -> visit.reviseSchoolActivity(START,
        START.plusHours(1), SCHOOL_TOWN, Set.of(), talk(10), Set.of())).code());
    assertNull(visit.schoolActivity());

    r.submit();
    assertEquals("SVC_NOT_EDITABLE", assertThrows(StateConflictException.class, () -> r.reviseSchoolActivity(START,
        START.plusHours(1), SCHOOL_TOWN, Set.of(), talk(10), Set.of())).code());
    assertEquals("SVC_NOT_EDITABLE", assertThrows(StateConflictException.class, r::requireOpenForEvidence).code());
    r.returnToWorker("请补充签到表", SUPERVISOR);
    r.requireOpenForEvidence();
  }

  @Test
  void evidenceCarriesTheRecordsSummaryAndItsChecksum() {
    ServiceRecord r = activity(Set.of(), 300);
    UUID org = UUID.randomUUID();
    UUID bureau = UUID.randomUUID();
    byte[] bytes = "%PDF-1.4 sign-in sheet".getBytes();
    Evidence e = Evidence.attach(r, org, bureau, "签到表.pdf", EvidenceType.PDF, bytes, false, WORKER);

    assertEquals(Evidence.sha256(bytes), e.sha256());
    assertEquals(64, e.sha256().length());
    assertEquals(bytes.length, e.size());
    assertEquals("application/pdf", e.contentType());
    assertEquals(LocalDate.of(2026, 3, 10), e.serviceOn(), "China's day");
    assertEquals("多宝镇中心小学", e.schoolName());
    assertEquals(SchoolTopic.ANTI_DROWNING, e.schoolTopic());
    assertEquals(bureau, e.bureauId());
    assertFalse(e.sharedWithBureau(), "a draft's files are the organization's working material");
  }

  @Test
  void evidenceIsVoidedWithAReasonOnce() {
    Evidence e = Evidence.attach(activity(Set.of(), 30), UUID.randomUUID(), UUID.randomUUID(), "a.jpg",
        EvidenceType.JPEG, new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF}, false, WORKER);
    assertEquals("EVIDENCE_VOID_REASON_REQUIRED", invalid(() -> e.voidBecause(" ", SUPERVISOR)));
    e.voidBecause("拍到了学生正脸", SUPERVISOR);
    assertTrue(e.isVoided());
    assertEquals("EVIDENCE_ALREADY_VOIDED",
        assertThrows(StateConflictException.class, () -> e.voidBecause("again", SUPERVISOR)).code());
  }

  @Test
  void fileNamesAreReducedToTheirLastSegment() {
    assertEquals("签到表.jpg", Evidence.fileName("C:\\Users\\社工\\签到表.jpg", EvidenceType.JPEG));
    assertEquals("photo.jpg", Evidence.fileName("../../etc/photo.jpg\r\n", EvidenceType.JPEG));
    assertEquals("evidence.jpg", Evidence.fileName(null, EvidenceType.JPEG));
    assertEquals("evidence.pdf", Evidence.fileName("..", EvidenceType.PDF));
    assertEquals("TOO_LONG", invalid(() -> Evidence.fileName("a".repeat(201), EvidenceType.PNG)));
    assertEquals("EVIDENCE_EMPTY", invalid(() -> Evidence.attach(activity(Set.of(), 30), UUID.randomUUID(),
        UUID.randomUUID(), "a.pdf", EvidenceType.PDF, new byte[0], false, WORKER)));
  }
}

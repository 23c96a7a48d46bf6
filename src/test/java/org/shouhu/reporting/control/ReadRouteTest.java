package org.shouhu.reporting.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.shouhu.reporting.control.ReadRoute.Source;

class ReadRouteTest {

  private static final Duration LIMIT = Duration.ofSeconds(300);
  private static final long AT = StandbyPosition.lsn("16/B374D848");

  private static StandbyPosition streaming(long received, long replayed, Duration sinceCommit) {
    return new StandbyPosition(true, received, replayed, sinceCommit, true);
  }

  @Test
  void withoutAStandbyEveryReportIsReadFromThePrimaryAndIsCurrent() {
    ReadRoute r = ReadRoute.decide(null, AT, LIMIT);
    assertEquals(Source.PRIMARY, r.source());
    assertEquals("0.0", r.ageSeconds());
    assertEquals("primary", r.sourceName());
  }

  @Test
  void aCaughtUpStreamingStandbyServesWithAgeZeroEvenAfterTheLastCommitLongAgo() {
    ReadRoute r = ReadRoute.decide(streaming(AT, AT, Duration.ofHours(2)), null, LIMIT);
    assertEquals(Source.STANDBY, r.source());
    assertEquals(Duration.ZERO, r.age());
  }

  @Test
  void aStandbyWithWalWaitingToBeReplayedIsAsOldAsItsLastReplayedCommit() {
    ReadRoute r = ReadRoute.decide(streaming(AT + 4096, AT, Duration.ofMillis(7_250)), null, LIMIT);
    assertEquals(Source.STANDBY, r.source());
    assertEquals("7.3", r.ageSeconds());
  }

  @Test
  void aStandbyThatIsNotReceivingIsAsOldAsItsLastReplayedCommitEvenWhenNothingWaits() {
    StandbyPosition cut = new StandbyPosition(true, AT, AT, Duration.ofSeconds(42), false);
    assertEquals(Duration.ofSeconds(42), ReadRoute.decide(cut, null, LIMIT).age());
  }

  @Test
  void theCallersOwnWriteNotYetReplayedSendsTheReportToThePrimary() {
    ReadRoute r = ReadRoute.decide(streaming(AT + 100, AT, Duration.ofSeconds(1)), AT + 50, LIMIT);
    assertEquals(Source.PRIMARY, r.source());
    assertEquals("own write not replayed yet", r.reason());
    assertEquals(Duration.ZERO, r.age());
  }

  @Test
  void theCallersOwnWriteOnceReplayedNoLongerHoldsTheReportOnThePrimary() {
    assertEquals(Source.STANDBY, ReadRoute.decide(streaming(AT, AT, Duration.ZERO), AT, LIMIT).source());
    assertEquals(Source.STANDBY, ReadRoute.decide(streaming(AT + 9, AT + 9, Duration.ZERO), AT, LIMIT).source());
  }

  @Test
  void aStandbyBehindTheLimitOrOfUnknownAgeIsNotUsed() {
    assertEquals("standby too far behind",
        ReadRoute.decide(streaming(AT + 1, AT, Duration.ofSeconds(301)), null, LIMIT).reason());
    assertEquals(Source.STANDBY, ReadRoute.decide(streaming(AT + 1, AT, Duration.ofSeconds(300)), null, LIMIT).source());
    assertEquals(Source.PRIMARY, ReadRoute.decide(streaming(AT + 1, AT, null), null, LIMIT).source());
  }

  @Test
  void anAddressThatAnswersAsAPrimaryIsNotTrustedAsTheStandby() {
    StandbyPosition promoted = new StandbyPosition(false, null, null, null, false);
    ReadRoute r = ReadRoute.decide(promoted, null, LIMIT);
    assertEquals(Source.PRIMARY, r.source());
    assertEquals("standby not in recovery", r.reason());
  }

  @Test
  void lsnsCompareAsUnsignedPositions() {
    assertEquals(0x16B374D848L, StandbyPosition.lsn("16/B374D848"));
    assertEquals(0L, StandbyPosition.lsn("0/0"));
    long high = StandbyPosition.lsn("FFFFFFFF/0");
    assertTrue(new StandbyPosition(true, high, high, Duration.ZERO, true).hasReplayed(StandbyPosition.lsn("7FFFFFFF/FF")));
    assertFalse(new StandbyPosition(true, AT, AT, Duration.ZERO, true).hasReplayed(high));
    assertFalse(new StandbyPosition(true, null, null, null, true).hasReplayed(0));
    assertNull(StandbyPosition.lsn(null));
    assertThrows(IllegalArgumentException.class, () -> StandbyPosition.lsn("16B374D848"));
  }

  @Test
  void exportsSayWhereTheFiguresWereReadAndHowOld() {
    assertEquals("备库，数据延迟 12.4 秒", new ReadRoute(Source.STANDBY, Duration.ofMillis(12_400), "standby").describe());
    assertEquals("主库，数据延迟 0 秒", ReadRoute.primary("no standby configured").describe());
  }

  @Test
  void theWorkbooksLastSheetStatesTheSourceAndTheAge() {
    var portfolio = new BureauReports.Portfolio(java.time.LocalDate.of(2026, 12, 6), java.util.Map.of(), java.util.List.of());
    java.util.List<java.util.List<Object>> rows = new java.util.ArrayList<>();
    PortfolioExport.freshness(portfolio, new ReadRoute(Source.STANDBY, Duration.ofMillis(3_040), "standby")).rows().each(rows::add);
    assertEquals(java.util.List.of(java.util.List.of("统计日", "2026-12-06"), java.util.List.of("数据来源", "备库（只读副本）"),
        java.util.List.of("数据延迟（秒）", "3.0")), rows);
  }
}

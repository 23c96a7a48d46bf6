package org.shouhu.tenancy.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.shouhu.problems.entity.InvalidValueException;
import org.shouhu.regions.entity.DivisionCode;

class TenantTest {

  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  private static final ZoneId URUMQI = ZoneId.of("Asia/Urumqi");
  private static final CreditCode CHUNHUI = CreditCode.of("52429006MJ12345679");

  private static Tenant organization() {
    return Tenant.organization(new Slug("chunhui-sw"), "天门市春晖社会工作服务中心", CHUNHUI, SHANGHAI);
  }

  private static Tenant bureau(String division) {
    return Tenant.bureau(new Slug("some-mzj"), "某民政局", DivisionCode.of(division), null, SHANGHAI);
  }

  private static String refusal(Runnable action) {
    return assertThrows(InvalidValueException.class, action::run).code();
  }

  @Test
  void createsAnActiveOrganizationKnownByItsCreditCode() {
    Tenant t = organization();
    assertTrue(t.isActive());
    assertEquals(TenantStatus.ACTIVE, t.status());
    assertEquals(TenantKind.ORGANIZATION, t.kind());
    assertEquals(CHUNHUI, t.creditCode());
    assertNull(t.divisionCode());
    assertEquals(SHANGHAI, t.timeZone());
  }

  @Test
  void organizationNeedsACreditCode() {
    assertThrows(
        NullPointerException.class, () -> Tenant.organization(new Slug("no-code"), "无代码机构", null, SHANGHAI));
  }

  @Test
  void bureauJurisdictionMayBeProvinceCityOrCounty() {
    assertEquals(DivisionCode.of("420000"), bureau("420000").divisionCode());
    assertEquals(DivisionCode.of("420100"), bureau("420100").divisionCode());
    assertEquals(DivisionCode.of("429006"), bureau("429006").divisionCode());
    assertEquals(TenantKind.BUREAU, bureau("429006").kind());
  }

  @Test
  void bureauJurisdictionIsNeverATownOrVillage() {
    assertEquals("BUREAU_JURISDICTION_LEVEL", refusal(() -> bureau("429006107")));
    assertEquals("BUREAU_JURISDICTION_LEVEL", refusal(() -> bureau("429006107201")));
  }

  @Test
  void bureauNeedsAJurisdictionButNotACreditCode() {
    assertThrows(
        NullPointerException.class, () -> Tenant.bureau(new Slug("x-mzj"), "某民政局", null, null, SHANGHAI));
    assertNull(bureau("429006").creditCode());
    CreditCode code = CreditCode.of("11429006011234567Y");
    Tenant tianmen = Tenant.bureau(new Slug("tianmen-mzj"), "天门市民政局", DivisionCode.of("429006"), code, SHANGHAI);
    assertEquals(code, tianmen.creditCode());
  }

  @Test
  void requiresADisplayNameOfAtMost200Characters() {
    assertEquals(
        "TENANT_NAME_REQUIRED", refusal(() -> Tenant.organization(new Slug("blank"), " ", CHUNHUI, SHANGHAI)));
    assertEquals(
        "TENANT_NAME_TOO_LONG",
        refusal(() -> Tenant.organization(new Slug("long"), "社".repeat(201), CHUNHUI, SHANGHAI)));
    assertEquals("春晖", Tenant.organization(new Slug("strip"), "  春晖 ", CHUNHUI, SHANGHAI).displayName());
  }

  @Test
  void suspensionRequiresAReason() {
    Tenant t = organization();
    assertEquals("TENANT_SUSPEND_REASON_REQUIRED", refusal(() -> t.suspendBecause(null)));
    assertEquals("TENANT_SUSPEND_REASON_REQUIRED", refusal(() -> t.suspendBecause("  ")));
    assertTrue(t.isActive(), "a refused suspension changes nothing");
  }

  @Test
  void suspendsWithAReasonAndReactivates() {
    Tenant t = organization();
    t.suspendBecause("  合同到期未续签 ");
    assertFalse(t.isActive());
    assertEquals(TenantStatus.SUSPENDED, t.status());
    assertEquals("合同到期未续签", t.statusReason());

    t.reactivate();
    assertTrue(t.isActive());
    assertNull(t.statusReason(), "the old reason does not linger on an active tenant");
  }

  @Test
  void platformCannotBeSuspended() {
    Tenant platform = Tenant.platform(new Slug("platform"), "守护平台运营");
    assertEquals("TENANT_PLATFORM_NOT_SUSPENDABLE", refusal(() -> platform.suspendBecause("测试")));
    assertTrue(platform.isActive());
  }

  @Test
  void reviseProfileReportsNoChangeWhenNothingChanged() {
    Tenant t = organization();
    assertFalse(t.reviseProfile("天门市春晖社会工作服务中心", SHANGHAI));
    assertFalse(t.reviseProfile("  天门市春晖社会工作服务中心 ", SHANGHAI), "surrounding blanks are no change");
  }

  @Test
  void reviseProfileAppliesAChangedNameOrZone() {
    Tenant t = organization();
    assertTrue(t.reviseProfile("春晖社工", SHANGHAI));
    assertEquals("春晖社工", t.displayName());
    assertTrue(t.reviseProfile("春晖社工", URUMQI));
    assertEquals(URUMQI, t.timeZone());
    assertFalse(t.reviseProfile("春晖社工", URUMQI), "applying the same profile twice changes nothing");
  }

  @Test
  void reviseProfileRefusesABlankName() {
    Tenant t = organization();
    assertEquals("TENANT_NAME_REQUIRED", refusal(() -> t.reviseProfile(" ", SHANGHAI)));
    assertEquals("天门市春晖社会工作服务中心", t.displayName());
  }
}

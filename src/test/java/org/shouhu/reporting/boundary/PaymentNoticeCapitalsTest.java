package org.shouhu.reporting.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** The amount in capitals on a payment notice, as a voucher writes it (zeros said once, 整 when no fen). */
class PaymentNoticeCapitalsTest {

  private static String capitals(String amount) {
    return PaymentNoticesResource.Capitals.of(new BigDecimal(amount));
  }

  @Test
  void writesWholeAmountsWithZheng() {
    assertEquals("人民币陆万元整", capitals("60000.00"));
    assertEquals("人民币壹拾肆万肆仟元整", capitals("144000"));
    assertEquals("人民币壹佰贰拾万元整", capitals("1200000"));
    assertEquals("人民币零元整", capitals("0"));
  }

  @Test
  void saysInnerZerosOnce() {
    assertEquals("人民币壹拾万零伍元整", capitals("100005"));
    assertEquals("人民币壹仟万零伍元整", capitals("10000005"));
    assertEquals("人民币壹亿零伍元整", capitals("100000005"));
    assertEquals("人民币壹仟零壹元整", capitals("1001"));
    assertEquals("人民币叁万零伍佰元整", capitals("30500"));
  }

  @Test
  void writesJiaoAndFen() {
    assertEquals("人民币壹拾捌万元伍角整", capitals("180000.50"));
    assertEquals("人民币壹佰元零伍分", capitals("100.05"));
    assertEquals("人民币壹佰元叁角伍分", capitals("100.35"));
  }
}

package org.shouhu.reporting.control;

import org.shouhu.contracts.entity.DeliveryUnit;
import org.shouhu.contracts.entity.ServiceKind;

/** The Chinese words exports print for the contract's codes, as they appear in purchase contracts. */
public final class ChineseLabels {

  private ChineseLabels() {}

  public static String of(ServiceKind kind) {
    return switch (kind) {
      case HOME_VISIT -> "入户探视";
      case COUNSELING_SESSION -> "心理辅导";
      case GROUP_SESSION -> "小组活动";
      case SCHOOL_ACTIVITY -> "进校园活动";
      case CASE -> "个案服务";
      case COMMUNITY_EVENT -> "社区活动";
      case TRAINING -> "培训";
    };
  }

  public static String of(DeliveryUnit unit) {
    return switch (unit) {
      case VISIT -> "人次";
      case SESSION -> "节";
      case EVENT -> "场";
      case CASE -> "个";
      case PERSON -> "人";
    };
  }
}

package org.shouhu.beneficiaries.control;

import java.io.ByteArrayOutputStream;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import org.shouhu.beneficiaries.entity.AgencyKind;
import org.shouhu.beneficiaries.entity.Referral;
import org.shouhu.beneficiaries.entity.SharedField;
import org.shouhu.reporting.control.PdfReport;

/**
 * The printed referral letter (转介函) an outside agency still asks for: who refers whom, why, what is asked, what
 * the guardian consented to, and only the shared particulars. Chinese throughout, in the exports' embedded CJK font.
 */
public final class ReferralLetter {

  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy年M月d日");
  private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

  private ReferralLetter() {}

  /** The sender's service record the referral came from (a home visit, on its day), said on the letter. */
  public record Source(String kind, java.time.OffsetDateTime startedAt) {}

  public static byte[] of(Referral r, String sender, Map<SharedField, String> shared) {
    return of(r, sender, shared, null);
  }

  public static byte[] of(Referral r, String sender, Map<SharedField, String> shared, Source source) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (PdfReport pdf = new PdfReport("转介函")) {
      pdf.fact("致", (r.agencyKind() == null ? "" : kind(r.agencyKind()) + " ") + r.agencyName())
          .fact("联系人及方式", r.agencyContact())
          .fact("转介机构", sender)
          .fact("转介日期", r.sentAt().atZoneSameInstant(CHINA).format(DAY))
          .fact("紧急程度", switch (r.urgency()) {
            case ROUTINE -> "一般";
            case URGENT -> "紧急";
            case EMERGENCY -> "特急";
          })
          .gap(6)
          .heading("服务对象信息（仅限监护人同意共享的内容）", 12);
      shared.forEach((field, value) -> pdf.fact(label(field), value(field, value)));
      pdf.gap(6)
          .heading("转介事由与所需服务", 12)
          .fact("转介事由", r.reason())
          .fact("所需服务", r.services());
      if (source != null) {
        pdf.fact("转介依据", source.startedAt().atZoneSameInstant(CHINA).format(DAY) + record(source.kind()));
      }
      pdf.fact("移交材料", r.handedOver())
          .fact("移交方式", r.handedOverHow() == null ? null : switch (r.handedOverHow()) {
            case IN_PERSON -> "当面移交";
            case LETTER -> "函件";
            case PHONE -> "电话";
            case ONLINE -> "网上移交";
          })
          .fact("回访日期", r.followUpOn() == null ? null : r.followUpOn().format(DAY))
          .gap(6)
          .heading("监护人知情同意", 12)
          .fact("同意人", r.consentGivenBy())
          .fact("同意日期", r.consentGivenOn().format(DAY))
          .gap(18)
          .fact("转介机构（盖章）", "")
          .fact("接收单位签收", "")
          .finish(out);
    }
    return out.toByteArray();
  }

  private static String record(String kind) {
    return switch (kind) {
      case "HOME_VISIT" -> "入户探视记录";
      case "COUNSELING_SESSION" -> "个案辅导记录";
      case "GROUP_SESSION" -> "小组活动记录";
      case "SCHOOL_ACTIVITY" -> "校园活动记录";
      default -> "服务记录";
    };
  }

  public static String kind(AgencyKind kind) {
    return switch (kind) {
      case SCHOOL -> "学校";
      case POLICE -> "公安机关";
      case HOSPITAL -> "医院";
      case CIVIL_AFFAIRS_OFFICE -> "民政所";
      case COURT -> "人民法院";
      case WOMENS_FEDERATION -> "妇联";
    };
  }

  private static String value(SharedField field, String value) {
    return switch (field) {
      case GENDER -> value.equals("MALE") ? "男" : "女";
      case CATEGORIES -> java.util.Arrays.stream(value.split(",")).map(c -> switch (c) {
        case "LEFT_BEHIND_CHILD" -> "留守儿童";
        case "CHILD_IN_DIFFICULTY" -> "困境儿童";
        case "LEFT_BEHIND_ELDERLY" -> "留守老人";
        case "LEFT_BEHIND_WOMAN" -> "留守妇女";
        default -> "其他";
      }).collect(java.util.stream.Collectors.joining("、"));
      default -> value;
    };
  }

  private static String label(SharedField field) {
    return switch (field) {
      case NAME -> "姓名";
      case GENDER -> "性别";
      case BIRTH_DATE -> "出生日期";
      case VILLAGE -> "居住地（行政区划代码）";
      case CATEGORIES -> "类别";
      case CITIZEN_ID -> "公民身份号码";
      case PHONE -> "联系电话";
      case SCHOOL -> "学校";
      case GRADE -> "年级";
      case DIFFICULTY_TYPE -> "困境类型";
    };
  }
}

package org.shouhu.contracts.entity;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What a prefilled indicator was reckoned from, kept as codes and numbers ("DELIVERED:HOME_VISIT:40:100;
 * EXPECTED_SHARE:45.2") so each reader words it in its own language: the screen through its catalogues, the
 * exports in Chinese ({@link #zh}). Sheets prefilled before #13 hold Chinese text; it is passed on as it is.
 */
public final class Basis {

  /** One fact: a code and its arguments (a deliverable kind, counts, a percentage). */
  public record Part(String code, List<String> args) {}

  private static final Pattern CODED = Pattern.compile("[A-Z_]+(:[A-Za-z0-9_.]+)*(;[A-Z_]+(:[A-Za-z0-9_.]+)*)*");

  private Basis() {}

  public static String of(List<Part> parts) {
    return parts.stream()
        .map(p -> p.args().isEmpty() ? p.code() : p.code() + ":" + String.join(":", p.args()))
        .collect(Collectors.joining(";"));
  }

  public static Part part(String code, Object... args) {
    return new Part(code, Arrays.stream(args).map(String::valueOf).toList());
  }

  /** The parts of a coded basis; empty for a legacy text (or none). */
  public static List<Part> parts(String basis) {
    List<Part> parts = new ArrayList<>();
    if (basis == null || !CODED.matcher(basis).matches()) {
      return parts;
    }
    for (String piece : basis.split(";")) {
      String[] bits = piece.split(":");
      parts.add(new Part(bits[0], List.of(bits).subList(1, bits.length)));
    }
    return parts;
  }

  /** The basis in Chinese, as the exports print it. */
  public static String zh(String basis) {
    List<Part> parts = parts(basis);
    if (parts.isEmpty()) {
      return basis;
    }
    return parts.stream().map(Basis::zh).collect(Collectors.joining("；"));
  }

  private static String zh(Part p) {
    List<String> a = p.args();
    return switch (p.code()) {
      case "DELIVERED" -> kindZh(a.get(0)) + " " + a.get(1) + "/" + a.get(2);
      case "EXPECTED_SHARE" -> "应完成比例 " + a.get(0) + "%";
      case "NO_DELIVERABLES" -> "无交付指标";
      case "RECORDS_IN_ORDER" -> "规范记录 " + a.get(0) + "/" + a.get(1);
      case "INCIDENTS_HANDLED" -> "强制报告已处置 " + a.get(0) + "/" + a.get(1);
      case "NO_SURVEY" -> "无满意度调查";
      case "SURVEYS" -> "满意度调查 " + a.get(0) + " 份";
      default -> p.code();
    };
  }

  private static String kindZh(String kind) {
    return switch (kind) {
      case "HOME_VISIT" -> "入户探视";
      case "COUNSELING_SESSION" -> "心理辅导";
      case "GROUP_SESSION" -> "小组活动";
      case "SCHOOL_ACTIVITY" -> "进校园";
      case "CASE" -> "个案";
      case "COMMUNITY_EVENT" -> "社区活动";
      case "TRAINING" -> "培训";
      default -> kind;
    };
  }
}

package org.shouhu.beneficiaries.boundary;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.shouhu.beneficiaries.boundary.BeneficiariesResource.ConsentInput;
import org.shouhu.beneficiaries.boundary.BeneficiariesResource.GuardianInput;
import org.shouhu.beneficiaries.boundary.BeneficiariesResource.Registration;
import org.shouhu.beneficiaries.control.LedgerEntry;
import org.shouhu.beneficiaries.control.LedgerRow;
import org.shouhu.beneficiaries.entity.GuardianDetails;
import org.shouhu.beneficiaries.entity.RiskAssessment;
import org.shouhu.beneficiaries.entity.RiskLevel;
import org.shouhu.problems.boundary.Fields;
import org.shouhu.problems.entity.FieldError;
import org.shouhu.problems.entity.ProblemException;

/**
 * Reads one row of the ledger template (tenants/ledger-template.csv) into a {@link LedgerEntry}, or says what is
 * wrong with it, column by column.
 *
 * <p>A row goes through the same checks as {@code POST /beneficiaries} ({@link ParticularsRequests}): the cells are
 * only translated first from what people type in a spreadsheet — 男/女, 是/否, Chinese category and relationship
 * names, dates as 2015-03-12, 2015/3/12 or 20150312 — into the API's values. Errors come back against the column
 * header, with the API's stable code, at most one per column, and no message quotes a cell.
 *
 * <p>Unlike the API, a citizen identity number is required ({@code CITIZEN_ID_REQUIRED_FOR_IMPORT}): it is how a
 * re-imported row finds the record it made the first time, so without it a second import would register the
 * child twice.
 */
public final class LedgerRowMapping {

  public static final String NAME = "姓名";
  public static final String GENDER = "性别";
  public static final String BIRTH_DATE = "出生日期";
  public static final String CITIZEN_ID = "公民身份号码";
  public static final String PHONE = "联系电话";
  public static final String VILLAGE = "村(社区)代码";
  public static final String SCHOOL = "学校";
  public static final String GRADE = "年级";
  public static final String CATEGORIES = "类别";
  public static final String DIFFICULTY = "困境类型";
  public static final String RISK_LEVEL = "风险等级";
  public static final String RISK_REASON = "风险说明";
  public static final String CONSENT_METHOD = "同意方式";
  public static final String CONSENT_DATE = "同意日期";
  public static final String CONSENT_BY = "同意人";
  public static final String CONSENT_RELATIONSHIP = "同意人关系";
  public static final String GUARDIAN_NAME = "监护人姓名";
  public static final String GUARDIAN_RELATIONSHIP = "监护人关系";
  public static final String GUARDIAN_PHONE = "监护人电话";
  public static final String LIVES_WITH_CHILD = "是否同住";
  public static final String ENTRUSTED = "委托监护";
  public static final String ENTRUSTMENT_DATE = "委托协议日期";

  /** The template's columns in order. */
  public static final List<String> COLUMNS =
      List.of(
          NAME, GENDER, BIRTH_DATE, CITIZEN_ID, PHONE, VILLAGE, SCHOOL, GRADE, CATEGORIES, DIFFICULTY, RISK_LEVEL,
          RISK_REASON, CONSENT_METHOD, CONSENT_DATE, CONSENT_BY, CONSENT_RELATIONSHIP, GUARDIAN_NAME,
          GUARDIAN_RELATIONSHIP, GUARDIAN_PHONE, LIVES_WITH_CHILD, ENTRUSTED, ENTRUSTMENT_DATE);

  public static final String CITIZEN_ID_REQUIRED_FOR_IMPORT = "CITIZEN_ID_REQUIRED_FOR_IMPORT";
  public static final String DATE_FORMAT = "DATE_FORMAT";
  public static final String YES_NO_FORMAT = "YES_NO_FORMAT";

  /** Headers people write differently for the same column (full-width brackets, common short names). */
  private static final Map<String, List<String>> ALIASES =
      Map.of(
          VILLAGE, List.of("村（社区）代码", "村社区代码", "村(居)代码", "村（居）代码"),
          CITIZEN_ID, List.of("身份证号", "身份证号码", "公民身份证号码"),
          PHONE, List.of("电话"),
          CATEGORIES, List.of("服务对象类别"));

  /** Where the API reports a field, the ledger reports against this column. */
  private static final Map<String, String> COLUMN_OF_FIELD = new LinkedHashMap<>();

  static {
    COLUMN_OF_FIELD.put("name", NAME);
    COLUMN_OF_FIELD.put("gender", GENDER);
    COLUMN_OF_FIELD.put("birthDate", BIRTH_DATE);
    COLUMN_OF_FIELD.put("citizenId", CITIZEN_ID);
    COLUMN_OF_FIELD.put("phone", PHONE);
    COLUMN_OF_FIELD.put("villageCode", VILLAGE);
    COLUMN_OF_FIELD.put("school", SCHOOL);
    COLUMN_OF_FIELD.put("grade", GRADE);
    COLUMN_OF_FIELD.put("categories", CATEGORIES);
    COLUMN_OF_FIELD.put("difficultyType", DIFFICULTY);
    COLUMN_OF_FIELD.put("consent", CONSENT_METHOD);
    COLUMN_OF_FIELD.put("consent.givenOn", CONSENT_DATE);
    COLUMN_OF_FIELD.put("consent.givenBy", CONSENT_BY);
    COLUMN_OF_FIELD.put("consent.relationship", CONSENT_RELATIONSHIP);
    COLUMN_OF_FIELD.put("consent.method", CONSENT_METHOD);
    COLUMN_OF_FIELD.put("risk.level", RISK_LEVEL);
    COLUMN_OF_FIELD.put("risk.reason", RISK_REASON);
    COLUMN_OF_FIELD.put("guardian.relationship", GUARDIAN_RELATIONSHIP);
    COLUMN_OF_FIELD.put("guardian.name", GUARDIAN_NAME);
    COLUMN_OF_FIELD.put("guardian.phone", GUARDIAN_PHONE);
    COLUMN_OF_FIELD.put("guardian.livesWithChild", LIVES_WITH_CHILD);
    COLUMN_OF_FIELD.put("guardian.entrusted", ENTRUSTED);
    COLUMN_OF_FIELD.put("guardian.entrustmentAgreedOn", ENTRUSTMENT_DATE);
  }

  private static final Map<String, String> GENDERS = Map.of("男", "MALE", "女", "FEMALE");
  private static final Map<String, String> CATEGORY_NAMES =
      Map.of(
          "留守儿童", "LEFT_BEHIND_CHILD",
          "困境儿童", "CHILD_IN_DIFFICULTY",
          "留守老人", "LEFT_BEHIND_ELDERLY",
          "留守妇女", "LEFT_BEHIND_WOMAN",
          "其他", "OTHER");
  private static final Map<String, String> DIFFICULTIES =
      Map.ofEntries(
          Map.entry("孤儿", "ORPHAN"),
          Map.entry("事实无人抚养儿童", "DE_FACTO_UNSUPPORTED"),
          Map.entry("事实无人抚养", "DE_FACTO_UNSUPPORTED"),
          Map.entry("低保/经济困难", "LOW_INCOME"),
          Map.entry("低保", "LOW_INCOME"),
          Map.entry("经济困难", "LOW_INCOME"),
          Map.entry("残疾", "DISABLED"),
          Map.entry("残疾儿童", "DISABLED"),
          Map.entry("监护缺失/人身安全缺失", "UNSAFE_GUARDIANSHIP"),
          Map.entry("监护缺失", "UNSAFE_GUARDIANSHIP"),
          Map.entry("人身安全缺失", "UNSAFE_GUARDIANSHIP"));
  private static final Map<String, String> RISK_LEVELS =
      Map.of("低", "LOW", "中", "MEDIUM", "高", "HIGH", "低风险", "LOW", "中风险", "MEDIUM", "高风险", "HIGH");
  private static final Map<String, String> CONSENT_METHODS =
      Map.of("书面", "WRITTEN", "口头", "ORAL", "电子", "ELECTRONIC", "书面同意", "WRITTEN", "口头同意", "ORAL",
          "电子同意", "ELECTRONIC");
  private static final Map<String, String> RELATIONSHIPS =
      Map.ofEntries(
          Map.entry("本人", "SELF"),
          Map.entry("父亲", "FATHER"),
          Map.entry("父", "FATHER"),
          Map.entry("母亲", "MOTHER"),
          Map.entry("母", "MOTHER"),
          Map.entry("祖父母", "GRANDPARENT"),
          Map.entry("外祖父母", "GRANDPARENT"),
          Map.entry("祖父", "GRANDPARENT"),
          Map.entry("祖母", "GRANDPARENT"),
          Map.entry("外祖父", "GRANDPARENT"),
          Map.entry("外祖母", "GRANDPARENT"),
          Map.entry("爷爷", "GRANDPARENT"),
          Map.entry("奶奶", "GRANDPARENT"),
          Map.entry("外公", "GRANDPARENT"),
          Map.entry("外婆", "GRANDPARENT"),
          Map.entry("亲属", "RELATIVE"),
          Map.entry("其他亲属", "RELATIVE"),
          Map.entry("其他", "OTHER"));
  private static final Map<String, Boolean> YES_NO =
      Map.ofEntries(
          Map.entry("是", true), Map.entry("否", false), Map.entry("Y", true), Map.entry("N", false),
          Map.entry("YES", true), Map.entry("NO", false), Map.entry("TRUE", true), Map.entry("FALSE", false),
          Map.entry("1", true), Map.entry("0", false));

  /** What to tell a person who typed something else, per column with a fixed vocabulary. */
  private static final Map<String, String> ACCEPTED =
      Map.of(
          GENDER, "男, 女 (or MALE, FEMALE)",
          CATEGORIES, "留守儿童, 困境儿童, 留守老人, 留守妇女, 其他 (several separated by 、 or ,)",
          DIFFICULTY, "孤儿, 事实无人抚养儿童, 低保/经济困难, 残疾, 监护缺失/人身安全缺失",
          RISK_LEVEL, "低, 中, 高 (or LOW, MEDIUM, HIGH)",
          CONSENT_METHOD, "书面, 口头, 电子 (or WRITTEN, ORAL, ELECTRONIC)",
          CONSENT_RELATIONSHIP, "本人, 父亲, 母亲, 祖父母, 亲属, 其他",
          GUARDIAN_RELATIONSHIP, "父亲, 母亲, 祖父母, 亲属, 其他");

  private static final Pattern SEPARATED = Pattern.compile("(\\d{4})\\s*[-/.年]\\s*(\\d{1,2})\\s*[-/.月]\\s*(\\d{1,2})\\s*日?");
  private static final Pattern COMPACT = Pattern.compile("(\\d{4})(\\d{2})(\\d{2})");
  // What POI shows for a date cell in Excel's default short format (m/d/yy).
  private static final Pattern EXCEL_SHORT = Pattern.compile("(\\d{1,2})/(\\d{1,2})/(\\d{2})");
  private static final Pattern LIST_SEPARATORS = Pattern.compile("[、,，;；\\s]+");
  private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

  /** Either an entry or the row's errors (field = column header), never both. */
  public record Mapped(LedgerEntry entry, List<FieldError> errors) {
    public boolean ok() {
      return entry != null;
    }
  }

  private LedgerRowMapping() {}

  public static Mapped map(LedgerRow row) {
    Cells cells = new Cells(row);
    Map<String, FieldError> errors = new LinkedHashMap<>();

    String citizenId = cells.get(CITIZEN_ID);
    if (citizenId == null) {
      put(errors, CITIZEN_ID, CITIZEN_ID_REQUIRED_FOR_IMPORT,
          "The ledger import needs the citizen identity number: it is how a re-import finds the record again.");
    }
    Registration registration =
        new Registration(
            cells.get(NAME),
            vocabulary(cells.get(GENDER), GENDERS),
            cells.date(BIRTH_DATE, errors),
            citizenId,
            cells.get(PHONE),
            cells.get(VILLAGE),
            cells.get(SCHOOL),
            cells.get(GRADE),
            categories(cells.get(CATEGORIES)),
            vocabulary(cells.get(DIFFICULTY), DIFFICULTIES),
            new ConsentInput(
                cells.date(CONSENT_DATE, errors),
                cells.get(CONSENT_BY),
                vocabulary(cells.get(CONSENT_RELATIONSHIP), RELATIONSHIPS),
                vocabulary(cells.get(CONSENT_METHOD), CONSENT_METHODS)));

    ParticularsRequests.Parsed parsed = null;
    try {
      parsed = ParticularsRequests.parse(Fields.query(), registration, true);
    } catch (ProblemException refused) {
      collect(errors, "", refused);
    }

    GuardianDetails guardian = guardian(cells, errors);

    RiskLevel riskLevel = null;
    String riskReason = null;
    String level = cells.get(RISK_LEVEL);
    String reason = cells.get(RISK_REASON);
    if (level != null || reason != null) {
      Fields check = Fields.query();
      riskLevel =
          ParticularsRequests.constant(
              check, "risk.level", vocabulary(level, RISK_LEVELS), RiskLevel.class, "RISK_LEVEL_UNKNOWN", true);
      riskReason = check.text("risk.reason", reason, RiskAssessment.MAX_REASON);
      try {
        check.verify();
      } catch (ProblemException refused) {
        collect(errors, "", refused);
      }
    }

    if (!errors.isEmpty() || parsed == null) {
      return new Mapped(null, List.copyOf(errors.values()));
    }
    return new Mapped(
        new LedgerEntry(parsed.particulars(), parsed.consent(), guardian, riskLevel, riskReason), List.of());
  }

  /** Whether a header is one of the template's columns or a known variant of one. */
  public static boolean isKnownColumn(String header) {
    return COLUMNS.contains(header) || ALIASES.values().stream().anyMatch(a -> a.contains(header));
  }

  /** The column an error in the API's terms belongs to, for a refusal that happens after mapping. */
  public static String columnOf(String field) {
    String base = field.replaceAll("\\[\\d+]$", "");
    return COLUMN_OF_FIELD.getOrDefault(base, field);
  }

  /** No guardian when every guardian column is empty; otherwise the guardian, checked as the API checks one. */
  private static GuardianDetails guardian(Cells cells, Map<String, FieldError> errors) {
    String name = cells.get(GUARDIAN_NAME);
    String relationship = cells.get(GUARDIAN_RELATIONSHIP);
    String phone = cells.get(GUARDIAN_PHONE);
    String lives = cells.get(LIVES_WITH_CHILD);
    String entrusted = cells.get(ENTRUSTED);
    String agreedOn = cells.get(ENTRUSTMENT_DATE);
    if (name == null && relationship == null && phone == null && lives == null && entrusted == null
        && agreedOn == null) {
      return null;
    }
    GuardianInput input =
        new GuardianInput(
            vocabulary(relationship, RELATIONSHIPS),
            name,
            phone,
            cells.yesNo(LIVES_WITH_CHILD, errors),
            cells.yesNo(ENTRUSTED, errors),
            cells.date(ENTRUSTMENT_DATE, errors));
    try {
      return ParticularsRequests.guardian(Fields.query(), input);
    } catch (ProblemException refused) {
      collect(errors, "guardian.", refused);
      return null;
    }
  }

  private static void collect(Map<String, FieldError> errors, String prefix, ProblemException refused) {
    if (refused.errors().isEmpty()) {
      throw refused;
    }
    for (FieldError e : refused.errors()) {
      String column = columnOf(prefix + e.field());
      String message = e.code().endsWith("_UNKNOWN") && ACCEPTED.containsKey(column)
          ? column + ": use one of " + ACCEPTED.get(column) + "."
          : e.message().replace("'" + e.field() + "'", column);
      put(errors, column, e.code(), message);
    }
  }

  /** One error per column: the first found is the one to fix first (a malformed date before "required"). */
  private static void put(Map<String, FieldError> errors, String column, String code, String message) {
    errors.putIfAbsent(column, new FieldError(column, code, message));
  }

  /** The API's constant for a Chinese word; anything else is passed on upper-cased, for the API check to judge. */
  static String vocabulary(String cell, Map<String, String> words) {
    if (cell == null) {
      return null;
    }
    String translated = words.get(cell);
    return translated != null ? translated : cell.toUpperCase(Locale.ROOT);
  }

  static List<String> categories(String cell) {
    if (cell == null) {
      return null;
    }
    List<String> names = new ArrayList<>();
    for (String part : LIST_SEPARATORS.split(cell)) {
      if (!part.isBlank()) {
        names.add(vocabulary(part, CATEGORY_NAMES));
      }
    }
    return names;
  }

  /** 2015-03-12, 2015/3/12, 2015.3.12, 2015年3月12日, 20150312, and Excel's default short date 3/12/15. */
  static LocalDate date(String text) {
    Matcher m = SEPARATED.matcher(text);
    if (m.matches()) {
      return LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
    }
    m = COMPACT.matcher(text);
    if (m.matches()) {
      return LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
    }
    m = EXCEL_SHORT.matcher(text);
    if (m.matches()) {
      int year = 2000 + Integer.parseInt(m.group(3));
      if (year > LocalDate.now(CHINA).getYear()) {
        year -= 100;
      }
      return LocalDate.of(year, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }
    throw new DateTimeException("not a date");
  }

  /** A row's cells by template column, accepting the common variants of a header. */
  private record Cells(LedgerRow row) {

    String get(String column) {
      String value = row.get(column);
      if (value == null) {
        for (String alias : ALIASES.getOrDefault(column, List.of())) {
          value = row.get(alias);
          if (value != null) {
            break;
          }
        }
      }
      return value;
    }

    LocalDate date(String column, Map<String, FieldError> errors) {
      String text = get(column);
      if (text == null) {
        return null;
      }
      try {
        return LedgerRowMapping.date(text);
      } catch (DateTimeException | NumberFormatException e) {
        put(errors, column, DATE_FORMAT, column + ": write the date as 2015-03-12, 2015/3/12 or 20150312.");
        return null;
      }
    }

    Boolean yesNo(String column, Map<String, FieldError> errors) {
      String text = get(column);
      if (text == null) {
        return null;
      }
      Boolean value = YES_NO.get(text.toUpperCase(Locale.ROOT));
      if (value == null) {
        put(errors, column, YES_NO_FORMAT, column + ": write 是 or 否.");
      }
      return value;
    }
  }
}

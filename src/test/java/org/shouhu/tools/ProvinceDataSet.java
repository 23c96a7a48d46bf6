package org.shouhu.tools;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.shouhu.identity.control.PasswordHasher;
import org.shouhu.problems.entity.InvalidValueException;
import org.shouhu.tenancy.entity.CreditCode;

/**
 * Fills a Shouhu database with a fictional province for the reporting benchmark in docs/performance.md — a tool,
 * not a test. At scale 1: 200 bureaus (one per real county, with its real towns), 2,000 organizations (ten per
 * bureau, valid GB 32100 credit codes), 4,000 active projects with three deliverables and one group each, 2,000,000
 * beneficiaries enrolled in their organization's projects, 10,000,000 service records (90% home visits, 7% sessions
 * of the project's group, 3% school activities; 80% approved, 10%
 * submitted, 5% returned, 3% drafts, 2% voided; every 50th a late entry) each with its participant, and the five
 * findings of every home visit (45,000,000 rows). Group sessions carry no attendance lines (reports do not read
 * them).
 *
 * <pre>SHOUHU_DATA_DIR=/tmp/bench mvn -Prun package          # once: schema, regions, then keep it running
 * mvn -o -q dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt -Dmdep.includeScope=test
 * java -cp target/test-classes:target/classes:$(cat /tmp/cp.txt) org.shouhu.tools.ProvinceDataSet \
 *     jdbc:postgresql://127.0.0.1:54329/shouhu 1.0 Bench-pass-2026</pre>
 *
 * It connects as the embedded server's superuser (row-level security does not apply to it) and writes with
 * {@code session_replication_role = replica}, which skips foreign-key and other triggers: the rows are generated
 * consistent, and what the reporting triggers would have kept is rebuilt afterwards per organization with
 * {@code report_rebuild_all()} (V73). Then {@link ReportBenchmark} measures. Every bureau gets the user {@code officer}, every organization
 * {@code admin}, {@code supervisor} and {@code worker1..5}, all with the given password. Tenants are named
 * {@code bench-b-001}, {@code bench-o-0001}: running it twice refuses, it never mixes with real tenants.
 */
public final class ProvinceDataSet {

  private static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  private static final String SURNAMES = "张王李刘陈杨黄赵周吴徐孙胡朱高林何郭马罗";
  private static final String GIVEN = "明华军芳丽强伟静敏磊洋艳勇杰娟涛超霞平刚";

  private final Connection db;
  private final double scale;
  private final String passwordHash;

  private ProvinceDataSet(Connection db, double scale, String password) {
    this.db = db;
    this.scale = scale;
    this.passwordHash = new PasswordHasher().hash(password);
  }

  public static void main(String[] args) throws Exception {
    if (args.length < 3) {
      System.err.println("usage: ProvinceDataSet <jdbc-url> <scale, 1.0 = 10M records> <password for every user>");
      System.exit(2);
    }
    try (Connection db = DriverManager.getConnection(args[0], "postgres", "")) {
      new ProvinceDataSet(db, Double.parseDouble(args[1]), args[2]).generate();
    }
  }

  private int bureaus() {
    return Math.max(1, (int) Math.round(200 * scale));
  }

  private static final int ORGS_PER_BUREAU = 10;
  private static final int PROJECTS_PER_ORG = 2;
  private static final int BENEFICIARIES_PER_ORG = 1000;
  private static final int RECORDS_PER_PROJECT = 2500;

  private void generate() throws SQLException {
    long began = System.nanoTime();
    db.setAutoCommit(false);
    try (Statement s = db.createStatement()) {
      s.execute("set session_replication_role = replica");
      s.execute("set synchronous_commit = off");
      try (ResultSet rs = s.executeQuery("select count(*) from tenant where slug like 'bench-%'")) {
        rs.next();
        if (rs.getLong(1) > 0) {
          throw new IllegalStateException("This database already holds the bench tenants; start from an empty one.");
        }
      }
    }
    List<String[]> counties = counties(bureaus());
    if (counties.size() < bureaus()) {
      throw new IllegalStateException("Only " + counties.size() + " counties with towns in the region table.");
    }
    tenants(counties);
    db.commit();
    step("projects and deliverables", """
        insert into project (tenant_id, id, bureau_id, contract_number, title, budget, period_start, period_end,
            covered_towns, target_groups, lock_days, status, created_at, updated_at)
        select o.tenant_id, md5(o.tenant_id::text || k)::uuid, o.bureau_id, 'BENCH-' || o.n || '-' || k,
               o.county_name || '困境儿童关爱服务项目（' || k || '）', 480000, current_date - 270, current_date + 95,
               t.list, 'CHILD_IN_DIFFICULTY,LEFT_BEHIND_CHILD', 10, 'ACTIVE', now(), now()
          from bench_org o
          cross join generate_series(1, %d) k
          cross join lateral (select string_agg(code, ',' order by code) list from bench_town bt
                               where bt.county = o.county) t
        """.formatted(PROJECTS_PER_ORG));
    step("", """
        insert into deliverable (tenant_id, id, project_id, bureau_id, position, service_kind, unit, target_quantity)
        select p.tenant_id, md5(p.id::text || d.position)::uuid, p.id, p.bureau_id, d.position, d.kind, d.unit, d.target
          from project p
          join bench_org o on o.tenant_id = p.tenant_id
          cross join (values (1, 'HOME_VISIT', 'VISIT', 3000), (2, 'GROUP_SESSION', 'SESSION', 120),
                             (3, 'SCHOOL_ACTIVITY', 'EVENT', 60)) d(position, kind, unit, target)
        """);
    step("groups", """
        insert into service_group (tenant_id, id, project_id, name, purpose, planned_sessions, facilitator_id, status,
            created_by, created_at, updated_at)
        select p.tenant_id, md5(p.id::text || 'g')::uuid, p.id, '留守儿童成长小组', '情绪管理与同伴支持', 100, w.user_id,
               'OPEN', w.user_id, now(), now()
          from project p
          join bench_org o on o.tenant_id = p.tenant_id
          join bench_worker w on w.tenant_id = p.tenant_id and w.rn = 1
        """);
    int perOrg = BENEFICIARIES_PER_ORG;
    step("beneficiaries", """
        insert into beneficiary (tenant_id, id, name, gender, birth_date, village_code, categories, difficulty_type,
            consent_given_on, consent_given_by, consent_relationship, consent_method, status, created_at, created_by,
            updated_at, updated_by)
        select o.tenant_id, md5(o.tenant_id::text || 'b' || g)::uuid,
               substr('%s', 1 + g %% 20, 1) || substr('%s', 1 + (g / 20) %% 20, 1) || substr('%s', 1 + (g / 400) %% 20, 1),
               case when g %% 2 = 0 then 'MALE' else 'FEMALE' end, date '2010-01-01' + (g * 37) %% 4000,
               t.code || (201 + g %% 15)::text,
               case when g %% 5 = 0 then 'CHILD_IN_DIFFICULTY' else 'LEFT_BEHIND_CHILD' end,
               case when g %% 5 = 0 then 'LOW_INCOME' end,
               date '2024-09-01', '监护人', 'GRANDPARENT', 'WRITTEN', 'ACTIVE', now(), o.admin_id, now(), o.admin_id
          from bench_org o
          cross join generate_series(1, %d) g
          join bench_town t on t.county = o.county and t.rn = 1 + g %% o.towns
        """.formatted(SURNAMES, GIVEN, GIVEN, perOrg));
    step("enrolments", """
        insert into enrolment (tenant_id, id, project_id, beneficiary_id, enrolled_on, status, created_at, updated_at)
        select b.tenant_id, md5(b.id::text || 'e')::uuid, md5(b.tenant_id::text || (1 + g %% %d))::uuid, b.id,
               current_date - 270, 'ACTIVE', now(), now()
          from bench_org o
          cross join generate_series(1, %d) g
          join beneficiary b on b.tenant_id = o.tenant_id and b.id = md5(o.tenant_id::text || 'b' || g)::uuid
        """.formatted(PROJECTS_PER_ORG, perOrg));
    step("", """
        create unlogged table bench_enrolled as
        select e.tenant_id, e.project_id, b.id beneficiary_id, b.village_code,
               row_number() over (partition by e.project_id order by b.id) rn
          from enrolment e join beneficiary b on b.tenant_id = e.tenant_id and b.id = e.beneficiary_id
          join bench_org o on o.tenant_id = e.tenant_id
        """);
    step("", "create index on bench_enrolled (project_id, rn)");
    step("", """
        create unlogged table bench_project as
        select e.tenant_id, e.project_id, count(*) enrolled, o.bureau_no from bench_enrolled e
          join bench_org o on o.tenant_id = e.tenant_id group by e.tenant_id, e.project_id, o.bureau_no
        """);
    db.commit();
    for (int b = 1; b <= bureaus(); b++) {
      records(b);
      db.commit();
      if (b % 10 == 0 || b == bureaus()) {
        System.out.printf(Locale.ROOT, "service records: %d of %d bureaus, %s%n", b, bureaus(), since(began));
      }
    }
    step("", "drop table bench_enrolled, bench_project");
    db.commit();
    db.setAutoCommit(true);
    try (Statement s = db.createStatement()) {
      s.execute("analyze");
    }
    rebuildSummaries(began);
    try (Statement s = db.createStatement()) {
      s.execute("analyze");
    }
    System.out.println("done in " + since(began));
  }

  /**
   * One bureau's records: every project gets {@link #RECORDS_PER_PROJECT} records over the 270 days since it
   * began, 08:00–17:00 China time, each serving one of the project's enrolled beneficiaries in their village. Ids
   * are derived from (project, n) so the participant rows can be written by a second pass over the same series.
   */
  private void records(int bureau) throws SQLException {
    String pick = """
          from bench_project bp
          join project p on p.tenant_id = bp.tenant_id and p.id = bp.project_id
          cross join generate_series(1, %d) g
          join bench_enrolled e on e.project_id = bp.project_id and e.rn = 1 + (g * 7919) %% bp.enrolled
          cross join lateral (select case when g %% 100 < 90 then 1 when g %% 100 < 97 then 2 else 3 end position,
                                     (g * 31) %% 100 bucket,
                                     ((p.period_start + (g * 104729) %% 270)::timestamp + interval '8 hours'
                                        + (g %% 9) * interval '1 hour') at time zone 'Asia/Shanghai' started) x
         where bp.bureau_no = %d
        """.formatted(RECORDS_PER_PROJECT, bureau);
    step(null, """
        insert into service_record (tenant_id, id, project_id, deliverable_id, kind, worker_id, started_at, ended_at,
            place_code, status, submitted_at, return_comment, reviewed_by, reviewed_at, void_reason, voided_by,
            voided_at, flags, present, risk_after, group_id, session_no, session_topic, school_name, school_topic,
            participant_count, created_by, created_at, updated_at)
        select p.tenant_id, md5(p.id::text || 'r' || g)::uuid, p.id, md5(p.id::text || x.position)::uuid,
               case x.position when 1 then 'HOME_VISIT' when 2 then 'GROUP_SESSION' else 'SCHOOL_ACTIVITY' end,
               w.user_id, x.started, x.started + interval '45 minutes',
               case x.position when 3 then left(e.village_code, 9) else e.village_code end,
               case when x.bucket < 80 then 'APPROVED' when x.bucket < 90 then 'SUBMITTED'
                    when x.bucket < 95 then 'RETURNED' when x.bucket < 98 then 'DRAFT' else 'VOIDED' end,
               case when x.bucket < 95 then x.started + interval '1 day' end,
               case when x.bucket >= 90 and x.bucket < 95 then '请补充监护情况' end,
               case when x.bucket < 80 or (x.bucket >= 90 and x.bucket < 95) then s.user_id end,
               case when x.bucket < 80 or (x.bucket >= 90 and x.bucket < 95) then x.started + interval '2 days' end,
               case when x.bucket >= 98 then '重复录入' end,
               case when x.bucket >= 98 then w.user_id end,
               case when x.bucket >= 98 then x.started + interval '3 days' end,
               case when g % 50 = 0 then 'LATE_ENTRY' else '' end,
               case when x.position = 1 then 'GUARDIAN' end, case when x.position = 1 then 'LOW' end,
               case when x.position = 2 then md5(p.id::text || 'g')::uuid end, case when x.position = 2 then g end,
               case when x.position = 2 then '情绪管理' end, case when x.position = 3 then '镇中心小学' end,
               case when x.position = 3 then 'ANTI_DROWNING' end, case when x.position = 3 then 120 end,
               w.user_id, x.started + interval '1 hour', x.started + interval '2 days'
        """ + pick.replace("where bp.bureau_no", """
          join bench_worker w on w.tenant_id = p.tenant_id and w.rn = 1 + g % 5
          join bench_worker s on s.tenant_id = p.tenant_id and s.rn = 0
         where bp.bureau_no"""));
    step(null, """
        insert into service_participant (tenant_id, record_id, beneficiary_id)
        select p.tenant_id, md5(p.id::text || 'r' || g)::uuid, e.beneficiary_id
        """ + pick);
    // A home visit assesses all five areas: the aggregate refuses to load one that does not.
    step(null, """
        insert into home_visit_finding (tenant_id, record_id, area, rating)
        select p.tenant_id, md5(p.id::text || 'r' || g)::uuid, a.area, 2 + (g + a.n) % 4
        """ + pick.replace("where bp.bureau_no", """
          cross join (values (1, 'LIVING_CONDITIONS'), (2, 'SAFETY'), (3, 'SCHOOLING'), (4, 'HEALTH'),
                             (5, 'GUARDIANSHIP')) a(n, area)
         where x.position = 1 and bp.bureau_no"""));
  }

  /**
   * What the reporting triggers would have kept had they run: each organization's summaries rebuilt from its rows
   * by {@code report_rebuild_all()} (V73), which works on the tenant bound in {@code app.tenant_id}.
   */
  private void rebuildSummaries(long began) throws SQLException {
    List<String> organizations = new ArrayList<>();
    try (Statement s = db.createStatement();
        ResultSet rs = s.executeQuery("select tenant_id::text from bench_org order by n")) {
      while (rs.next()) {
        organizations.add(rs.getString(1));
      }
    }
    try (PreparedStatement rebuild = db.prepareStatement(
        "select set_config('app.tenant_id', ?, false), report_rebuild_all()")) {
      for (int i = 0; i < organizations.size(); i++) {
        rebuild.setString(1, organizations.get(i));
        rebuild.executeQuery().close();
        if ((i + 1) % 100 == 0 || i + 1 == organizations.size()) {
          System.out.printf(Locale.ROOT, "report summaries: %d of %d organizations, %s%n", i + 1, organizations.size(),
              since(began));
        }
      }
    }
    try (Statement s = db.createStatement()) {
      s.execute("select set_config('app.tenant_id', '', false)");
    }
  }

  private List<String[]> counties(int wanted) throws SQLException {
    List<String[]> out = new ArrayList<>();
    try (PreparedStatement s = db.prepareStatement("""
        select c.code, c.name from region c
         where c.level = 'COUNTY' and (select count(*) from region t where t.parent_code = c.code and t.level = 'TOWN') >= 5
         order by c.code limit ?""")) {
      s.setInt(1, wanted);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          out.add(new String[] {rs.getString(1), rs.getString(2)});
        }
      }
    }
    return out;
  }

  /** Bureaus, organizations and their users, row by row (a few thousand): credit codes need their check character. */
  private void tenants(List<String[]> counties) throws SQLException {
    try (Statement s = db.createStatement()) {
      s.execute("create temp table bench_org (tenant_id uuid primary key, bureau_id uuid, bureau_no int, n int,"
          + " county text, county_name text, towns int, admin_id uuid)");
      s.execute("create temp table bench_worker (tenant_id uuid, rn int, user_id uuid, primary key (tenant_id, rn))");
      s.execute("create temp table bench_town (county text, rn int, code text, primary key (county, rn))");
    }
    try (PreparedStatement tenant = db.prepareStatement("""
            insert into tenant (id, slug, display_name, kind, status, credit_code, division_code, created_at, updated_at)
            values (?::uuid, ?, ?, ?, 'ACTIVE', ?, ?, now(), now())""");
        PreparedStatement user = db.prepareStatement("""
            insert into app_user (tenant_id, id, username, display_name, roles, password_hash, status,
                password_changed_at, must_change_password, created_at, updated_at)
            values (?::uuid, ?::uuid, ?, ?, ?, ?, 'ACTIVE', now(), false, now(), now())""");
        PreparedStatement org = db.prepareStatement(
            "insert into bench_org values (?::uuid, ?::uuid, ?, ?, ?, ?, 0, ?::uuid)");
        PreparedStatement worker = db.prepareStatement("insert into bench_worker values (?::uuid, ?, ?::uuid)")) {
      int orgNo = 0;
      for (int b = 1; b <= counties.size(); b++) {
        String county = counties.get(b - 1)[0];
        String name = counties.get(b - 1)[1];
        UUID bureau = UUID.randomUUID();
        add(tenant, bureau, "bench-b-%03d".formatted(b), name + "民政局", "BUREAU", null, county);
        add(user, bureau, UUID.randomUUID(), "officer", name + "民政局儿童福利科", "BUREAU_OFFICER");
        for (int o = 1; o <= ORGS_PER_BUREAU; o++) {
          orgNo++;
          UUID id = UUID.randomUUID();
          add(tenant, id, "bench-o-%04d".formatted(orgNo), name + "守望社会工作服务中心" + o, "ORGANIZATION",
              creditCode(county), county);
          UUID admin = UUID.randomUUID();
          add(user, id, admin, "admin", "机构管理员", "ORG_ADMIN");
          UUID supervisor = UUID.randomUUID();
          add(user, id, supervisor, "supervisor", "督导", "SUPERVISOR");
          worker.setString(1, id.toString());
          worker.setInt(2, 0);
          worker.setString(3, supervisor.toString());
          worker.addBatch();
          for (int w = 1; w <= 5; w++) {
            UUID socialWorker = UUID.randomUUID();
            add(user, id, socialWorker, "worker" + w, "社工" + w, "SOCIAL_WORKER");
            worker.setString(1, id.toString());
            worker.setInt(2, w);
            worker.setString(3, socialWorker.toString());
            worker.addBatch();
          }
          org.setString(1, id.toString());
          org.setString(2, bureau.toString());
          org.setInt(3, b);
          org.setInt(4, orgNo);
          org.setString(5, county);
          org.setString(6, name);
          org.setString(7, admin.toString());
          org.addBatch();
        }
        tenant.executeBatch();
        user.executeBatch();
        org.executeBatch();
        worker.executeBatch();
      }
    }
    try (Statement s = db.createStatement()) {
      s.execute("""
          insert into bench_town
          select parent_code, row_number() over (partition by parent_code order by code), code from region
           where level = 'TOWN' and parent_code in (select county from bench_org)""");
      // A project covers at most a dozen towns, and beneficiaries live in those.
      s.execute("delete from bench_town where rn > 12");
      s.execute("update bench_org o set towns = (select count(*) from bench_town t where t.county = o.county)");
    }
    System.out.printf(Locale.ROOT, "tenants: %d bureaus, %d organizations%n", counties.size(),
        counties.size() * ORGS_PER_BUREAU);
  }

  private void add(PreparedStatement tenant, UUID id, String slug, String name, String kind, String credit,
      String division) throws SQLException {
    tenant.setString(1, id.toString());
    tenant.setString(2, slug);
    tenant.setString(3, name);
    tenant.setString(4, kind);
    tenant.setString(5, credit);
    tenant.setString(6, division);
    tenant.addBatch();
  }

  private void add(PreparedStatement user, UUID tenant, UUID id, String username, String name, String roles)
      throws SQLException {
    user.setString(1, tenant.toString());
    user.setString(2, id.toString());
    user.setString(3, username);
    user.setString(4, name);
    user.setString(5, roles);
    user.setString(6, passwordHash);
    user.addBatch();
  }

  /** A random code of a social organization (52…) registered in the county, completed with its check character. */
  static String creditCode(String county) {
    StringBuilder body = new StringBuilder("52").append(county);
    ThreadLocalRandom random = ThreadLocalRandom.current();
    while (body.length() < 17) {
      body.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    for (char check : ALPHABET.toCharArray()) {
      try {
        return CreditCode.of(body.toString() + check).value();
      } catch (InvalidValueException wrongCheck) {
        // the next character, until the one the code's checksum wants
      }
    }
    throw new IllegalStateException("no check character fits " + body);
  }

  private void step(String label, String sql) throws SQLException {
    long began = System.nanoTime();
    try (Statement s = db.createStatement()) {
      int rows = s.executeUpdate(sql);
      if (label != null && !label.isEmpty()) {
        System.out.printf(Locale.ROOT, "%s: %,d rows in %s%n", label, rows, since(began));
      }
    }
  }

  private static String since(long began) {
    Duration d = Duration.ofNanos(System.nanoTime() - began);
    return String.format(Locale.ROOT, "%d:%02d.%d", d.toMinutes(), d.toSecondsPart(), d.toMillisPart() / 100);
  }
}

package org.shouhu.tools;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.shouhu.tools.WriteBenchmark.Cpu;
import org.shouhu.tools.WriteBenchmark.Tally;
import org.shouhu.tools.floor.FloorApplication;
import org.shouhu.tools.floor.FloorVisits;

/**
 * The write path's floor on this machine (#15): what the stack itself, with none of Shouhu's work, does with a
 * worker's POST ({@link FloorVisits}: HTTP, MicroProfile JWT, JAX-RS with a JSON body, one pooled connection, one
 * autocommitted insert). Printed beside Shouhu's figure and the raw JDBC insert, it splits the distance to the raw
 * insert rate into what the container costs and what the application adds.
 *
 * <pre>
 * WriteFloor --write-war floor.war --key floor.key          the WAR, its verification key built in, and the signing key
 * java -Dfloor.db.url=jdbc:postgresql://…/db -Dfloor.db.user=postgres -Dfloor.db.password= -jar payara-micro.jar \
 *   --nohazelcast --port P --deploy floor.war
 * WriteFloor --url http://127.0.0.1:P/ --key floor.key --jdbc JDBC_URL [--jdbc-user postgres] [--jdbc-password '']
 *   [--clients 32] [--seconds 20] [--app-pid PID --pg-pid POSTMASTER_PID]
 * </pre>
 *
 * {@code --jdbc} names a database holding {@code service_record} (the floor's table copies its columns, defaults
 * and indexes, as the raw reference does); the table is dropped at the end. Prints {@code FIGURE floor.…} lines.
 */
public final class WriteFloor {

  private static final String ISSUER = "shouhu-write-floor";

  private WriteFloor() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> opts = new HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      opts.put(args[i].replaceFirst("^--", ""), args[i + 1]);
    }
    if (opts.containsKey("write-war") && opts.containsKey("key")) {
      writeWar(Path.of(opts.get("write-war")), Path.of(opts.get("key")));
    } else if (opts.containsKey("url") && opts.containsKey("key") && opts.containsKey("jdbc")) {
      post(opts);
    } else {
      System.err.println("usage: WriteFloor --write-war WAR --key KEY_FILE"
          + " | --url URL --key KEY_FILE --jdbc JDBC_URL [--clients 32] [--seconds 20] [--app-pid P --pg-pid P]");
      System.exit(2);
    }
  }

  private static void writeWar(Path war, Path keyFile) throws Exception {
    var generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    var keys = generator.generateKeyPair();
    Files.writeString(keyFile, Base64.getEncoder().encodeToString(keys.getPrivate().getEncoded()));
    String config = "mp.jwt.verify.publickey=" + Base64.getEncoder().encodeToString(keys.getPublic().getEncoded())
        + "\nmp.jwt.verify.issuer=" + ISSUER + "\nmp.jwt.verify.publickey.algorithm=RS256\n";
    // The same pool as Shouhu's own data source (WEB-INF/web.xml): at most 20 connections, none kept idle.
    String webXml = """
        <?xml version="1.0" encoding="UTF-8"?>
        <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
          <data-source>
            <name>java:app/jdbc/floor</name>
            <class-name>org.postgresql.ds.PGSimpleDataSource</class-name>
            <user>${MPCONFIG=floor.db.user}</user>
            <password>${MPCONFIG=floor.db.password}</password>
            <property><name>url</name><value>${MPCONFIG=floor.db.url}</value></property>
            <property><name>stringType</name><value>unspecified</value></property>
            <max-pool-size>20</max-pool-size>
            <min-pool-size>0</min-pool-size>
          </data-source>
        </web-app>
        """;
    ShrinkWrap.create(WebArchive.class, war.getFileName().toString())
        .addClasses(FloorApplication.class, FloorVisits.class)
        .addAsResource(new StringAsset(config), "META-INF/microprofile-config.properties")
        .addAsWebInfResource(new StringAsset(webXml), "web.xml")
        .addAsWebInfResource(new StringAsset("<beans bean-discovery-mode=\"all\"/>"), "beans.xml")
        // The driver Shouhu's WAR carries, taken from this JVM's class path.
        .addAsLibrary(new java.io.File(org.postgresql.Driver.class.getProtectionDomain().getCodeSource().getLocation().toURI()))
        .as(ZipExporter.class)
        .exportTo(war.toFile(), true);
    System.out.println("wrote " + war + " and its signing key " + keyFile);
  }

  private static void post(Map<String, String> opts) throws Exception {
    String url = opts.get("url").replaceFirst("/?$", "/") + "api/visits";
    int clients = Integer.parseInt(opts.getOrDefault("clients", "32"));
    int seconds = Integer.parseInt(opts.getOrDefault("seconds", "20"));
    String jdbc = opts.get("jdbc");
    String jdbcUser = opts.getOrDefault("jdbc-user", "postgres");
    String jdbcPassword = opts.getOrDefault("jdbc-password", "");
    var key = (RSAPrivateKey) KeyFactory.getInstance("RSA")
        .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(Files.readString(Path.of(opts.get("key"))).strip())));
    try (Connection c = DriverManager.getConnection(jdbc, jdbcUser, jdbcPassword); Statement s = c.createStatement()) {
      s.execute("drop table if exists bench_floor_visit");
      s.execute("create table bench_floor_visit (like service_record including defaults including indexes)");
    }
    try {
      List<String> tokens = new ArrayList<>();
      for (int i = 0; i < clients; i++) {
        tokens.add(token(key));
      }
      HttpClient http =
          HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
      // As WriteBenchmark: a few seconds of the same posting first, so that connections and pools are open.
      posts(http, url, tokens, Math.min(10, Math.max(3, seconds / 5)), new Tally());
      Tally floor = new Tally();
      Cpu cpu = new Cpu(opts.get("app-pid"), opts.get("pg-pid"));
      long from = System.nanoTime();
      posts(http, url, tokens, seconds, floor);
      double elapsed = (System.nanoTime() - from) / 1e9;
      Cpu.Used used = cpu.used();
      int n = Math.max(1, floor.done.get());
      floor.failures.forEach((k, v) -> System.out.println("  floor failure x" + v + ": " + k));
      System.out.printf("floor: %d POSTs in %.1f s by %d clients%n", floor.done.get(), elapsed, clients);
      figure("write.rate_per_s", floor.done.get() / elapsed);
      figure("write.p50_ms", floor.pct(0.50));
      figure("write.p99_ms", floor.pct(0.99));
      if (cpu.measures()) {
        figure("write.app_cpu_ms_per_post", used.app() * 1000 / n);
        figure("write.app_jit_cpu_ms_per_post", used.jit() * 1000 / n);
        figure("write.pg_cpu_ms_per_post", used.pg() * 1000 / n);
        figure("write.cpu_ms_per_post", (used.app() + used.pg()) * 1000 / n);
      }
      figure("write.failures", floor.failures.values().stream().mapToInt(java.util.concurrent.atomic.AtomicInteger::get).sum());
    } finally {
      try (Connection c = DriverManager.getConnection(jdbc, jdbcUser, jdbcPassword); Statement s = c.createStatement()) {
        s.execute("drop table if exists bench_floor_visit");
      }
    }
  }

  private static String token(RSAPrivateKey key) throws Exception {
    Instant now = Instant.now();
    var claims = new JWTClaimsSet.Builder()
        .issuer(ISSUER)
        .subject(UUID.randomUUID().toString())
        .claim("upn", "floor-" + UUID.randomUUID())
        .claim("groups", List.of("SOCIAL_WORKER"))
        .issueTime(Date.from(now))
        .expirationTime(Date.from(now.plus(Duration.ofHours(2))))
        .jwtID(UUID.randomUUID().toString())
        .build();
    var jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).build(), claims);
    jwt.sign(new RSASSASigner(key));
    return jwt.serialize();
  }

  /** Each client posts one visit after another, six minutes apart, with the size of fields a real visit has. */
  private static void posts(HttpClient http, String url, List<String> tokens, int seconds, Tally tally)
      throws InterruptedException {
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    AtomicLong k = new AtomicLong();
    String tenant = UUID.randomUUID().toString();
    String project = UUID.randomUUID().toString();
    String deliverable = UUID.randomUUID().toString();
    CountDownLatch done = new CountDownLatch(tokens.size());
    for (String token : tokens) {
      Thread t = new Thread(() -> {
        try {
          while (System.nanoTime() < end) {
            OffsetDateTime start = OffsetDateTime.now().minusMinutes(6 * k.getAndIncrement());
            String body = "{\"tenantId\":\"" + tenant + "\",\"projectId\":\"" + project + "\",\"deliverableId\":\""
                + deliverable + "\",\"startedAt\":\"" + start + "\",\"endedAt\":\"" + start.plusMinutes(6)
                + "\",\"placeCode\":\"429006104201\",\"followUp\":\"下周再访，带上学习用品，联系村儿童主任了解监护情况\"}";
            long started = System.nanoTime();
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 201) {
              tally.done.incrementAndGet();
              tally.micros.add((System.nanoTime() - started) / 1_000);
            } else {
              tally.fail(r.statusCode() + " " + r.body());
            }
          }
        } catch (Exception e) {
          tally.fail(e.toString());
        } finally {
          done.countDown();
        }
      });
      t.start();
    }
    done.await();
  }

  private static void figure(String name, double value) {
    System.out.printf("FIGURE floor.%s | floor %.2f%n", name, value);
  }
}

package org.shouhu.tools;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The floor every authenticated request pays, under concurrency: {@code GET /api/v1/me} from N clients for S
 * seconds (after a warm-up of S/2), for deploy/bench — a tool, not a test. Its raw reference is pgbench's
 * {@code SELECT 1} with as many clients, which deploy/bench runs beside it.
 *
 * <pre>java -cp target/test-classes:target/classes:$(cat target/cp.txt) org.shouhu.tools.MeBenchmark \
 *     --url http://127.0.0.1:8080/ --tenant chunhui-sw --user worker --password Demo-2026-shouhu --clients 8 --seconds 10</pre>
 *
 * Prints one line {@code FIGURE get-me | shouhu <req/s> | p50 <ms> | p99 <ms> | errors <n>}. Every request is
 * bounded by the run's duration; nothing is sent anywhere but the given URL.
 */
public final class MeBenchmark {

  private MeBenchmark() {}

  public static void main(String[] args) throws Exception {
    String url = option(args, "--url", "http://127.0.0.1:8080/");
    String tenant = option(args, "--tenant", "chunhui-sw");
    String user = option(args, "--user", "worker");
    String password = option(args, "--password", System.getenv().getOrDefault("SHOUHU_DEMO_PASSWORD", ""));
    int clients = Integer.parseInt(option(args, "--clients", "8"));
    int seconds = Integer.parseInt(option(args, "--seconds", "10"));
    String root = url.endsWith("/") ? url : url + "/";

    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).build();
    HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(root + "api/v1/auth/token"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"tenant\":\"" + tenant + "\",\"username\":\"" + user
            + "\",\"password\":\"" + password + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
    Matcher token = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"").matcher(login.body());
    if (!token.find()) {
      throw new IllegalStateException("login refused (" + login.statusCode() + ")");
    }
    HttpRequest me = HttpRequest.newBuilder(URI.create(root + "api/v1/me"))
        .header("Authorization", "Bearer " + token.group(1)).timeout(Duration.ofSeconds(10)).GET().build();

    run(http, me, clients, Math.max(1, seconds / 2)); // warm-up: the JIT compiles the request path
    Result result = run(http, me, clients, seconds);
    long[] sorted = result.latencies();
    Arrays.sort(sorted);
    System.out.printf("FIGURE get-me | shouhu %.0f | p50 %.1f | p99 %.1f | errors %d%n",
        sorted.length / (result.nanos() / 1e9), percentile(sorted, 0.50) / 1e6, percentile(sorted, 0.99) / 1e6,
        result.errors());
  }

  private record Result(long[] latencies, long nanos, long errors) {}

  private static Result run(HttpClient http, HttpRequest request, int clients, int seconds) throws InterruptedException {
    long start = System.nanoTime();
    long end = start + seconds * 1_000_000_000L;
    AtomicLong errors = new AtomicLong();
    long[][] perClient = new long[clients][];
    List<Thread> threads = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      int client = c;
      Thread t = new Thread(() -> {
        List<Long> mine = new ArrayList<>();
        while (System.nanoTime() < end) {
          long t0 = System.nanoTime();
          try {
            HttpResponse<Void> r = http.send(request, HttpResponse.BodyHandlers.discarding());
            if (r.statusCode() != 200) {
              errors.incrementAndGet();
            }
          } catch (Exception e) {
            errors.incrementAndGet();
          }
          mine.add(System.nanoTime() - t0);
        }
        perClient[client] = mine.stream().mapToLong(Long::longValue).toArray();
      });
      threads.add(t);
      t.start();
    }
    for (Thread t : threads) {
      t.join();
    }
    long nanos = System.nanoTime() - start;
    return new Result(Arrays.stream(perClient).flatMapToLong(Arrays::stream).toArray(), nanos, errors.get());
  }

  private static double percentile(long[] sorted, double p) {
    return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.floor(p * sorted.length))];
  }

  private static String option(String[] args, String name, String fallback) {
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals(name)) {
        return args[i + 1];
      }
    }
    return fallback;
  }
}

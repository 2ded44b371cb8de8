package dev.latchkey.perf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The performance harness: PostgreSQL with pg_stat_statements, Redis, one Payara Micro with the seven
 * WARs, the ten cases measured round by round with wrk, then the scaling and renewal runs; writes
 * {@code target/perf/results.json} and {@code chart.svg} and prints Markdown tables.
 */
public final class Main {

    private static final List<String> PAYARA_JVM = List.of("-Xms1g", "-Xmx2g");
    /** A deployment error of Latchkey's, e.g. {@code LK-401: latchkey.cache.max-size must be ...}. */
    private static final Pattern LATCHKEY_ERROR = Pattern.compile("Latchkey (LK-4\\d\\d: [^\\n]*)");
    private static final Pattern FIRST_CAUSE = Pattern.compile("Caused by: ([^\\n]*)");
    private static final String CACHE_WORDS = "latchkey\\.cache";
    private static final String REDIS_WORDS = "latchkey\\.store|latchkey\\.redis|Jedis|redis\\.clients";

    private final Options options;
    private final Path out;

    private Main(Options options) {
        this.options = options;
        this.out = options.output();
    }

    public static void main(String[] args) throws Exception {
        try {
            new Main(Options.fromSystemProperties()).run();
        } catch (HarnessException e) {
            System.err.println("perf: " + e.getMessage());
            System.exit(1);
        }
    }

    private void run() throws Exception {
        long started = System.nanoTime();
        Files.createDirectories(out);
        Map<String, Object> machine = Machine.facts();
        System.out.println("perf: " + machine.get("cores") + " cores, load " + machine.get("load_average_at_start")
                + ", " + (options.quick() ? "quick mode" : options.rounds() + " rounds of " + options.durationSeconds() + " s"));
        try (Database database = Database.start(out.resolve("postgres"))) {
            System.out.println("perf: PostgreSQL " + database.version() + " at " + database.appJdbcUrl());
            try (Redis redis = Redis.start(out.resolve("redis.log"))) {
                System.out.println("perf: Redis " + redis.version() + " at " + Redis.HOST + ":" + Redis.PORT
                        + " (no persistence)");
                deleteRecursively(out.resolve("payara-root"));
                try (PayaraMicro payara = startPayara(database)) {
                    Report report = measureAll(database, redis, payara, machine);
                    Duration took = Duration.ofNanos(System.nanoTime() - started);
                    Files.writeString(out.resolve("results.json"), Json.write(report.json(took.toSeconds())));
                    Files.writeString(out.resolve("chart.svg"), report.svg());
                    System.out.println();
                    System.out.print(report.markdown());
                    System.out.printf("%nperf: wrote %s and %s in %d min %d s%n", out.resolve("results.json"),
                            out.resolve("chart.svg"), took.toMinutes(), took.toSecondsPart());
                }
            }
        }
    }

    /** The server's heap, and any options of {@code perf.payara.jvm} (for example a flight recording). */
    private static List<String> payaraJvm() {
        List<String> jvm = new java.util.ArrayList<>(PAYARA_JVM);
        String extra = System.getProperty("perf.payara.jvm", "").trim();
        if (!extra.isEmpty()) {
            jvm.addAll(List.of(extra.split("\\s+")));
        }
        return jvm;
    }

    private PayaraMicro startPayara(Database database) throws IOException, InterruptedException {
        Path perf = options.base().resolve("perf");
        // The cache and Redis applications last: Payara Micro starts no application after one that fails, and
        // their settings may not exist yet in the library being measured. Redis after the cache: the newer store
        // is the likelier to fail, and then takes no other case with it.
        List<PayaraMicro.Deployment> deployments = List.of(
                new PayaraMicro.Deployment(perf.resolve("latchkey-app/target/latchkey-app.war"), Cases.LATCHKEY),
                new PayaraMicro.Deployment(perf.resolve("httpsession-app/target/httpsession-app.war"), Cases.HTTP_SESSION),
                new PayaraMicro.Deployment(perf.resolve("spring-session-app/target/spring-session-app.war"), Cases.SPRING_SESSION),
                new PayaraMicro.Deployment(perf.resolve("httpsession-security-app/target/httpsession-security-app.war"),
                        Cases.HTTP_SESSION_SECURITY),
                new PayaraMicro.Deployment(perf.resolve("latchkey-app/target/latchkey-jpql-app.war"), Cases.LATCHKEY_JPQL),
                new PayaraMicro.Deployment(perf.resolve("latchkey-app/target/latchkey-cache-app.war"), Cases.LATCHKEY_CACHE),
                new PayaraMicro.Deployment(perf.resolve("latchkey-app/target/latchkey-redis-app.war"), Cases.LATCHKEY_REDIS));
        for (PayaraMicro.Deployment d : deployments) {
            if (!Files.exists(d.war())) {
                throw new HarnessException(d.war() + " is missing: build first (perf/run does)");
            }
        }
        long start = System.nanoTime();
        PayaraMicro payara = PayaraMicro.start(perf.resolve("runner/target/payara-micro.jar"), deployments, options.port(),
                out.resolve("payara-root"), out.resolve("payara.log"), payaraJvm(),
                Map.of("PERF_JDBC_URL", database.appJdbcUrl()));
        payara.awaitReady(Duration.ofMinutes(5));
        System.out.printf("perf: Payara Micro %s ready in %.0f s (log %s)%n", payara.version().orElse("?"),
                (System.nanoTime() - start) / 1e9, payara.logFile());
        return payara;
    }

    private Report measureAll(Database database, Redis redis, PayaraMicro payara, Map<String, Object> machine)
            throws Exception {
        Http http = new Http(options.baseUrl());
        for (String app : List.of(Cases.LATCHKEY, Cases.HTTP_SESSION, Cases.SPRING_SESSION, Cases.HTTP_SESSION_SECURITY,
                Cases.LATCHKEY_JPQL)) {
            if (!http.answers(app + "/public")) {
                throw new HarnessException(app + " did not deploy ("
                        + payara.firstMatch(FIRST_CAUSE).orElse("no cause in the log") + "); see " + payara.logFile());
            }
        }
        Map<Integer, String> pending = new TreeMap<>();
        if (!http.answers(Cases.LATCHKEY_CACHE + "/public")) {
            pending.put(Cases.CACHED, deploymentFailure(payara, "latchkey-cache-app.war", CACHE_WORDS));
        }
        if (!http.answers(Cases.LATCHKEY_REDIS + "/public")) {
            pending.put(Cases.REDIS_STORE, deploymentFailure(payara, "latchkey-redis-app.war", REDIS_WORDS));
        }
        for (int number = 1; number <= Cases.COUNT; number++) {
            if (!options.selected(number)) {
                pending.putIfAbsent(number, "not selected (perf.cases)");
            }
        }
        SignIns signIns = new SignIns(http);
        List<LoadCase> cases = Cases.create(signIns, pending.keySet());
        StatementStats statements = new StatementStats(database);
        Wrk wrk = new Wrk(options.threads(), options.connections());
        Bench bench = new Bench(http, wrk, statements, new CommandStats(redis));

        List<CaseResult> results = measureCases(cases, bench, pending);
        List<Scaling.Point> scaling = List.of();
        if (!options.scalingRows().isEmpty()) {
            System.out.println("perf: scaling, case 2 with more sessions in latchkey_session");
            scaling = new Scaling(new SessionTable(database), bench).run(cases.get(Cases.LATCHKEY_COOKIE - 1),
                    options.scalingRows(), options.scalingRounds(), options.durationSeconds(),
                    Math.min(options.warmupSeconds(), 5));
        }
        System.out.println("perf: renewal writes, " + options.renewalSessions() + " sessions due");
        long case2Updates = results.get(Cases.LATCHKEY_COOKIE - 1).rounds().stream().mapToLong(Round::sessionUpdates).sum();
        Map<String, Object> renewal = new Renewal(signIns, new SessionTable(database), statements, wrk, http)
                .run(options.renewalSessions(), options.threads(), options.durationSeconds(), out.resolve("renewal.lua"),
                        case2Updates);
        machine.put("load_average_at_end", Machine.loadAverage());
        return new Report(options, machine, versions(database, redis, payara), settings(), results, scaling, renewal);
    }

    /** Checks every case, warms each up, then measures the rounds, every case once per round. */
    private List<CaseResult> measureCases(List<LoadCase> cases, Bench bench, Map<Integer, String> pending)
            throws IOException, InterruptedException, SQLException {
        List<CaseResult> results = new ArrayList<>();
        for (LoadCase c : cases) {
            String reason = pending.get(c.number());
            if (reason != null) {
                System.out.println("perf: case " + c.number() + " pending: " + reason);
                results.add(CaseResult.pending(c, reason));
            } else {
                bench.check(c);
                results.add(CaseResult.measured(c));
            }
        }
        List<CaseResult> measured = results.stream().filter(r -> !r.isPending()).toList();
        System.out.printf("perf: warming up %d cases, %d s each%n", measured.size(), options.warmupSeconds());
        for (CaseResult r : measured) {
            bench.warmUp(r.loadCase(), options.warmupSeconds());
        }
        for (int round = 1; round <= options.rounds(); round++) {
            System.out.printf("perf: round %d of %d%n", round, options.rounds());
            for (CaseResult r : measured) {
                Round result = bench.measure(r.loadCase(), options.durationSeconds());
                r.add(result);
                System.out.printf("  case %2d %-52s %,9.0f req/s  p50 %6.2f ms  p99 %6.2f ms  %.2f statements/request"
                                + "  %.2f Redis commands/request%n", r.loadCase().number(), r.loadCase().title(),
                        result.wrk().requestsPerSecond(), result.wrk().p50Millis(), result.wrk().p99Millis(),
                        result.statementsPerRequest(), result.redisCommandsPerRequest());
            }
        }
        return results;
    }

    /**
     * Why an optional application is not there, from the log as far as it can be found: Latchkey's error
     * naming its settings ({@code words}, a regular expression), else any line naming them, else the first
     * error of Latchkey's at all (an application that failed before it stops Payara Micro from starting it).
     */
    private static String deploymentFailure(PayaraMicro payara, String war, String words) {
        String detail = payara.firstMatch(Pattern.compile("Latchkey (LK-4\\d\\d: [^\\n]*(?:" + words + ")[^\\n]*)"))
                .or(() -> payara.firstMatch(Pattern.compile("([^\\n]*(?:" + words + ")[^\\n]*)")))
                .or(() -> payara.firstMatch(LATCHKEY_ERROR).map(e -> "no error of its own; an earlier one: " + e))
                .orElse("no error of Latchkey's in the log");
        return war + " did not deploy (" + detail + "); see " + payara.logFile();
    }

    private Map<String, Object> versions(Database database, Redis redis, PayaraMicro payara)
            throws IOException, InterruptedException, SQLException {
        Properties built = Machine.builtVersions();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("payara_micro", payara.version().orElse(built.getProperty("payara-micro")));
        m.put("postgresql", database.version());
        m.put("postgres_binaries", built.getProperty("postgres-binaries"));
        m.put("postgresql_jdbc", built.getProperty("postgresql-jdbc"));
        m.put("redis", redis.version());
        m.put("embedded_redis", built.getProperty("embedded-redis"));
        m.put("jedis", built.getProperty("jedis"));
        m.put("wrk", Wrk.version());
        m.put("latchkey", built.getProperty("latchkey"));
        m.put("spring_session_jdbc", built.getProperty("spring-session-jdbc"));
        m.put("spring_framework", built.getProperty("spring-framework"));
        return m;
    }

    private Map<String, Object> settings() {
        Map<String, Object> m = options.describe();
        m.put("payara_jvm", PAYARA_JVM);
        m.put("connection_pool", "16 connections per application (min = max = 16), user " + Database.APP_USER);
        m.put("postgresql_server", "max_connections=200, shared_preload_libraries=pg_stat_statements, timezone=UTC");
        m.put("latchkey", "latchkey.datasource=java:app/jdbc/perf, latchkey.cookie.loopback-development=true,"
                + " throttling off (latchkey.throttle.*.failures=0), remember-me sessions (30 d idle)");
        m.put("latchkey_cache_app", "as latchkey-app plus latchkey.cache.max-size=100000, latchkey.cache.max-age=5s");
        m.put("latchkey_redis_app", "as latchkey-app without latchkey.datasource, plus latchkey.store=redis,"
                + " latchkey.redis.uri=redis://" + Redis.HOST + ":" + Redis.PORT + ", latchkey.redis.prefix=perf:;"
                + " Jedis in the WAR; throttling off, so no counters in Redis");
        m.put("redis_server", "embedded-redis binary on " + Redis.HOST + ":" + Redis.PORT + ", save \"\", appendonly no"
                + " (no persistence), otherwise Redis's defaults");
        m.put("spring_session", "@EnableJdbcHttpSession, cleanup hourly, container DataSource, default flush and save modes");
        m.put("httpsession_security_app", "HttpAuthenticationMechanism with @AutoApplySession, an IdentityStore,"
                + " @ServletSecurity(rolesAllowed = \"user\"): the caller in the container's in-memory HttpSession");
        m.put("statements", "pg_stat_statements calls of user " + Database.APP_USER
                + " between a reset and the end of each wrk run, divided by wrk's completed requests; every BEGIN"
                + " counts, but the JDBC driver's COMMITs mostly do not (it runs them as a prepared statement, which"
                + " pg_stat_statements does not track), so a transaction counts one less than it sends");
        m.put("redis_commands", "calls of INFO commandstats, summed over the commands, read before and after each wrk"
                + " run, divided by wrk's completed requests; the runner's own INFO not counted");
        return m;
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}

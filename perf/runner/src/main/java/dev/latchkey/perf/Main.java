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
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The performance harness: PostgreSQL with pg_stat_statements, one Payara Micro with the five
 * applications, the eight cases measured round by round with wrk, then the scaling and renewal
 * runs; writes {@code target/perf/results.json} and {@code chart.svg} and prints Markdown tables.
 */
public final class Main {

    private static final List<String> PAYARA_JVM = List.of("-Xms1g", "-Xmx2g");
    /** A deployment error of Latchkey's, e.g. {@code LK-401: latchkey.cache.max-size must be ...}. */
    private static final Pattern LATCHKEY_ERROR = Pattern.compile("Latchkey (LK-4\\d\\d: [^\\n]*)");
    private static final Pattern FIRST_CAUSE = Pattern.compile("Caused by: ([^\\n]*)");
    private static final Pattern CACHE_SETTING = Pattern.compile("([^\\n]*latchkey\\.cache[^\\n]*)");

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
            deleteRecursively(out.resolve("payara-root"));
            try (PayaraMicro payara = startPayara(database)) {
                Report report = measureAll(database, payara, machine);
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
        // The cache application last: Payara Micro starts no application after one that fails, and the
        // cache settings may not exist yet in the library being measured.
        List<PayaraMicro.Deployment> deployments = List.of(
                new PayaraMicro.Deployment(perf.resolve("latchkey-app/target/latchkey-app.war"), Cases.LATCHKEY),
                new PayaraMicro.Deployment(perf.resolve("httpsession-app/target/httpsession-app.war"), Cases.HTTP_SESSION),
                new PayaraMicro.Deployment(perf.resolve("spring-session-app/target/spring-session-app.war"), Cases.SPRING_SESSION),
                new PayaraMicro.Deployment(perf.resolve("httpsession-security-app/target/httpsession-security-app.war"),
                        Cases.HTTP_SESSION_SECURITY),
                new PayaraMicro.Deployment(perf.resolve("latchkey-app/target/latchkey-jpql-app.war"), Cases.LATCHKEY_JPQL),
                new PayaraMicro.Deployment(perf.resolve("latchkey-app/target/latchkey-cache-app.war"), Cases.LATCHKEY_CACHE));
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

    private Report measureAll(Database database, PayaraMicro payara, Map<String, Object> machine) throws Exception {
        Http http = new Http(options.baseUrl());
        for (String app : List.of(Cases.LATCHKEY, Cases.HTTP_SESSION, Cases.SPRING_SESSION, Cases.HTTP_SESSION_SECURITY,
                Cases.LATCHKEY_JPQL)) {
            if (!http.answers(app + "/public")) {
                throw new HarnessException(app + " did not deploy ("
                        + payara.firstMatch(FIRST_CAUSE).orElse("no cause in the log") + "); see " + payara.logFile());
            }
        }
        String cachePending = http.answers(Cases.LATCHKEY_CACHE + "/public") ? null : cacheFailure(payara);
        SignIns signIns = new SignIns(http);
        List<LoadCase> cases = Cases.create(signIns, cachePending == null);
        StatementStats statements = new StatementStats(database);
        Wrk wrk = new Wrk(options.threads(), options.connections());
        Bench bench = new Bench(http, wrk, statements);

        List<CaseResult> results = measureCases(cases, bench, cachePending);
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
        return new Report(options, machine, versions(database, payara), settings(), results, scaling, renewal);
    }

    /** Checks every case, warms each up, then measures the rounds, every case once per round. */
    private List<CaseResult> measureCases(List<LoadCase> cases, Bench bench, String cachePending)
            throws IOException, InterruptedException, SQLException {
        List<CaseResult> results = new ArrayList<>();
        for (LoadCase c : cases) {
            if (c.number() == Cases.CACHED && cachePending != null) {
                System.out.println("perf: case 7 pending: " + cachePending);
                results.add(CaseResult.pending(c, cachePending));
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
                System.out.printf("  case %d %-52s %,9.0f req/s  p50 %6.2f ms  p99 %6.2f ms  %.2f statements/request%n",
                        r.loadCase().number(), r.loadCase().title(), result.wrk().requestsPerSecond(),
                        result.wrk().p50Millis(), result.wrk().p99Millis(), result.statementsPerRequest());
            }
        }
        return results;
    }

    /** Why the cache application is not there: its deployment error from the log, as far as it can be found. */
    private static String cacheFailure(PayaraMicro payara) throws IOException {
        String detail = payara.firstMatch(LATCHKEY_ERROR)
                .or(() -> payara.firstMatch(CACHE_SETTING))
                .orElse("no error naming latchkey.cache in the log");
        return "latchkey-cache-app.war did not deploy (" + detail + "); see " + payara.logFile();
    }

    private Map<String, Object> versions(Database database, PayaraMicro payara)
            throws IOException, InterruptedException, SQLException {
        Properties built = Machine.builtVersions();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("payara_micro", payara.version().orElse(built.getProperty("payara-micro")));
        m.put("postgresql", database.version());
        m.put("postgres_binaries", built.getProperty("postgres-binaries"));
        m.put("postgresql_jdbc", built.getProperty("postgresql-jdbc"));
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
        m.put("spring_session", "@EnableJdbcHttpSession, cleanup hourly, container DataSource, default flush and save modes");
        m.put("httpsession_security_app", "HttpAuthenticationMechanism with @AutoApplySession, an IdentityStore,"
                + " @ServletSecurity(rolesAllowed = \"user\"): the caller in the container's in-memory HttpSession");
        m.put("statements", "pg_stat_statements calls of user " + Database.APP_USER
                + " between a reset and the end of each wrk run, divided by wrk's completed requests; every BEGIN"
                + " counts, but the JDBC driver's COMMITs mostly do not (it runs them as a prepared statement, which"
                + " pg_stat_statements does not track), so a transaction counts one less than it sends");
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

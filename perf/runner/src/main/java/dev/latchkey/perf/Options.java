package dev.latchkey.perf;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The run's settings, from system properties ({@code perf/run -Dperf.rounds=3 ...}):
 * {@code perf.quick} (1 round of 3 s, 3 s warm-up), {@code perf.rounds} (5), {@code perf.duration}
 * (seconds per wrk run, 10), {@code perf.warmup} (seconds per case, 15), {@code perf.connections} (16),
 * {@code perf.threads} (2), {@code perf.port} (8181), {@code perf.scaling} (extra session rows, comma
 * separated, {@code 10000,100000,1000000}; empty to skip), {@code perf.scaling.rounds} (3),
 * {@code perf.renewal.sessions} (100), {@code perf.base} (the repository, where {@code perf/} is),
 * {@code perf.cases} (the case numbers to measure, comma separated, case 1 always; empty for all;
 * the others are reported as pending).
 */
record Options(boolean quick, int rounds, int durationSeconds, int warmupSeconds, int connections, int threads,
               int port, List<Integer> scalingRows, int scalingRounds, int renewalSessions, Path base,
               List<Integer> cases) {

    static Options fromSystemProperties() {
        boolean quick = Boolean.getBoolean("perf.quick");
        return new Options(quick,
                integer("perf.rounds", quick ? 1 : 5),
                integer("perf.duration", quick ? 3 : 10),
                integer("perf.warmup", quick ? 3 : 15),
                integer("perf.connections", 16),
                integer("perf.threads", 2),
                integer("perf.port", 8181),
                sizes(System.getProperty("perf.scaling", "10000,100000,1000000")),
                integer("perf.scaling.rounds", quick ? 1 : 3),
                integer("perf.renewal.sessions", 100),
                Path.of(System.getProperty("perf.base", System.getProperty("user.dir"))).toAbsolutePath().normalize(),
                sizes(System.getProperty("perf.cases", "")));
    }

    /** Whether case {@code number} is measured: every case unless {@code perf.cases} names some; the ceiling always. */
    boolean selected(int number) {
        return cases.isEmpty() || cases.contains(number) || number == Cases.CEILING;
    }

    /** Where results, logs and the servers' files go: {@code target/perf} of the repository. */
    Path output() {
        return base.resolve("target/perf");
    }

    String baseUrl() {
        return "http://localhost:" + port;
    }

    Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("quick", quick);
        m.put("rounds", rounds);
        m.put("duration_seconds", durationSeconds);
        m.put("warmup_seconds", warmupSeconds);
        m.put("wrk_threads", threads);
        m.put("wrk_connections", connections);
        m.put("port", port);
        m.put("scaling_extra_rows", scalingRows);
        m.put("scaling_rounds", scalingRounds);
        m.put("renewal_sessions", renewalSessions);
        m.put("cases", cases.isEmpty() ? "all" : cases);
        return m;
    }

    private static int integer(String key, int otherwise) {
        String value = System.getProperty(key);
        return value == null || value.isBlank() ? otherwise : Integer.parseInt(value.trim());
    }

    private static List<Integer> sizes(String value) {
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .map(s -> Integer.parseInt(s.replace("_", ""))).toList();
    }
}

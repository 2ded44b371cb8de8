package dev.latchkey.perf;

import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What Redis ran, from {@code INFO commandstats}: the calls of each command, read before and after a
 * wrk run. Redis's counters only grow, so the difference is what ran meanwhile. {@code INFO} is left
 * out: only the runner sends it (one read's {@code INFO} is counted by the next).
 */
final class CommandStats {

    private static final Pattern CALLS = Pattern.compile("cmdstat_([^:\\s]+):calls=(\\d+)");
    private static final String RUNNERS_OWN = "info";

    private final Redis redis;

    CommandStats(Redis redis) {
        this.redis = redis;
    }

    Snapshot read() throws IOException {
        Map<String, Long> calls = new TreeMap<>();
        Matcher m = CALLS.matcher(redis.info("commandstats"));
        while (m.find()) {
            if (!m.group(1).equals(RUNNERS_OWN)) {
                calls.put(m.group(1), Long.parseLong(m.group(2)));
            }
        }
        return new Snapshot(calls);
    }

    /** The calls of each command since the server started. */
    record Snapshot(Map<String, Long> calls) {

        /** The calls of each command since {@code before}, only the commands that ran. */
        Map<String, Long> since(Snapshot before) {
            Map<String, Long> ran = new TreeMap<>();
            calls.forEach((command, n) -> {
                long delta = n - before.calls.getOrDefault(command, 0L);
                if (delta != 0) {
                    ran.put(command, delta);
                }
            });
            return ran;
        }
    }
}

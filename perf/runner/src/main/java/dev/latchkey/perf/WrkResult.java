package dev.latchkey.perf;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What one wrk run reports: throughput, completed requests, median and 99th percentile latency, failures. */
record WrkResult(double requestsPerSecond, long requests, double p50Millis, double p99Millis, long non2xx,
                 long socketErrors) {

    private static final Pattern RPS = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern TOTAL = Pattern.compile("(\\d+) requests in ");
    private static final Pattern P50 = Pattern.compile("\\s50%\\s+([0-9.]+)(us|ms|s|m)\\b");
    private static final Pattern P99 = Pattern.compile("\\s99%\\s+([0-9.]+)(us|ms|s|m)\\b");
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");
    private static final Pattern SOCKET = Pattern.compile(
            "Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");

    static WrkResult parse(String output) {
        Matcher socket = SOCKET.matcher(output);
        long socketErrors = 0;
        if (socket.find()) {
            for (int g = 1; g <= 4; g++) {
                socketErrors += Long.parseLong(socket.group(g));
            }
        }
        Matcher non2xx = NON_2XX.matcher(output);
        return new WrkResult(
                Double.parseDouble(find(RPS, output, "Requests/sec").group(1)),
                Long.parseLong(find(TOTAL, output, "requests in").group(1)),
                millis(find(P50, output, "50%")),
                millis(find(P99, output, "99%")),
                non2xx.find() ? Long.parseLong(non2xx.group(1)) : 0,
                socketErrors);
    }

    boolean failed() {
        return non2xx > 0 || socketErrors > 0;
    }

    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("requests_per_second", requestsPerSecond);
        m.put("requests", requests);
        m.put("p50_ms", p50Millis);
        m.put("p99_ms", p99Millis);
        m.put("non_2xx", non2xx);
        m.put("socket_errors", socketErrors);
        return m;
    }

    private static Matcher find(Pattern pattern, String output, String what) {
        Matcher m = pattern.matcher(output);
        if (!m.find()) {
            throw new HarnessException("wrk's output has no " + what + ":\n" + output);
        }
        return m;
    }

    private static double millis(Matcher m) {
        double value = Double.parseDouble(m.group(1));
        return switch (m.group(2)) {
            case "us" -> value / 1000;
            case "ms" -> value;
            case "s" -> value * 1000;
            default -> value * 60_000;
        };
    }
}

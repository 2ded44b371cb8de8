package dev.latchkey.perf;

import java.util.Map;
import java.util.stream.Stream;

/**
 * One measured request: the path, the headers wrk sends (the cookie or token), and the body the
 * application must answer with 200 before the case is measured.
 *
 * @param label the short name under the bar of the chart
 */
record LoadCase(int number, String key, String title, String label, String path, Map<String, String> headers,
                String expectedBody) {

    /** The headers as wrk's {@code -H} options take them. */
    String[] wrkHeaders() {
        return headers.entrySet().stream().flatMap(e -> Stream.of("-H", e.getKey() + ": " + e.getValue()))
                .toArray(String[]::new);
    }
}

package dev.latchkey.perf;

import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Case 2 again with more and more other sessions in the table: does one primary-key read stay as fast? */
final class Scaling {

    /** The measurements with {@code extraRows} filler sessions in the table ({@code totalRows} in all). */
    record Point(long extraRows, long totalRows, List<Round> rounds) {

        Spread rps() {
            return Spread.of(rounds, r -> r.wrk().requestsPerSecond());
        }

        Spread p50() {
            return Spread.of(rounds, r -> r.wrk().p50Millis());
        }

        Spread p99() {
            return Spread.of(rounds, r -> r.wrk().p99Millis());
        }

        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("extra_rows", extraRows);
            m.put("total_rows", totalRows);
            m.put("requests_per_second", rps().toMap());
            m.put("p50_ms", p50().toMap());
            m.put("p99_ms", p99().toMap());
            m.put("statements_per_request", Spread.of(rounds, Round::statementsPerRequest).toMap());
            m.put("rounds", rounds.stream().map(Round::toMap).toList());
            return m;
        }
    }

    private final SessionTable table;
    private final Bench bench;

    Scaling(SessionTable table, Bench bench) {
        this.table = table;
        this.bench = bench;
    }

    List<Point> run(LoadCase loadCase, List<Integer> sizes, int rounds, int seconds, int warmupSeconds)
            throws IOException, InterruptedException, SQLException {
        List<Point> points = new ArrayList<>();
        long filled = 0;
        for (int size : sizes) {
            if (size > filled) {
                long start = System.nanoTime();
                table.fill(filled + 1, size);
                System.out.printf("  %,d extra rows (inserted %,d in %.1f s)%n", size, size - filled,
                        (System.nanoTime() - start) / 1e9);
                filled = size;
            }
            bench.check(loadCase);
            bench.warmUp(loadCase, warmupSeconds);
            List<Round> measured = new ArrayList<>();
            for (int r = 0; r < rounds; r++) {
                measured.add(bench.measure(loadCase, seconds));
            }
            Point point = new Point(filled, table.count(), measured);
            System.out.printf("    %,.0f req/s, p50 %.2f ms, p99 %.2f ms%n", point.rps().median(), point.p50().median(),
                    point.p99().median());
            points.add(point);
        }
        return points;
    }
}

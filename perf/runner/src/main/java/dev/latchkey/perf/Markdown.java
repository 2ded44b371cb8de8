package dev.latchkey.perf;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The results as Markdown tables, to paste into a document. */
final class Markdown {

    private Markdown() {
    }

    static String cases(List<CaseResult> results, Map<Integer, CaseResult> byNumber) {
        StringBuilder md = new StringBuilder();
        md.append("| # | case | req/s (median) | min–max | p50 ms | p99 ms | statements/request | Redis commands/request"
                + " | ÷ case 1 |\n");
        md.append("|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
        CaseResult ceiling = byNumber.get(Cases.CEILING);
        for (CaseResult r : results) {
            LoadCase c = r.loadCase();
            if (r.isPending()) {
                md.append(String.format("| %d | %s | pending | | | | | | |%n", c.number(), c.title()));
                continue;
            }
            md.append(String.format(Locale.ROOT, "| %d | %s | %,.0f | %,.0f–%,.0f | %.2f | %.2f | %.2f | %.2f | %.2f |%n",
                    c.number(), c.title(), r.rps().median(), r.rps().min(), r.rps().max(), r.p50().median(),
                    r.p99().median(), r.statementsPerRequest().median(), r.redisCommandsPerRequest().median(),
                    r.rps().median() / ceiling.rps().median()));
        }
        return md.toString();
    }

    static String ratios(List<Ratios.Ratio> ratios) {
        StringBuilder md = new StringBuilder();
        for (Ratios.Ratio r : ratios) {
            md.append("- ").append(r.name()).append(": ")
                    .append(r.value() == null ? "pending" : String.format(Locale.ROOT, "%.2f", r.value())).append('\n');
        }
        return md.toString();
    }

    static String scaling(List<Scaling.Point> points) {
        StringBuilder md = new StringBuilder();
        md.append("| extra sessions | rows in latchkey_session | req/s (median) | min–max | p50 ms | p99 ms |\n");
        md.append("|---:|---:|---:|---:|---:|---:|\n");
        for (Scaling.Point p : points) {
            md.append(String.format(Locale.ROOT, "| %,d | %,d | %,.0f | %,.0f–%,.0f | %.2f | %.2f |%n", p.extraRows(),
                    p.totalRows(), p.rps().median(), p.rps().min(), p.rps().max(), p.p50().median(), p.p99().median()));
        }
        return md.toString();
    }

    static String renewal(Map<String, Object> renewal) {
        return String.format("- UPDATEs of latchkey_session during the case 2 rounds (no session due): %s%n"
                        + "- %s sessions made due for renewal, driven by wrk in turn: %s UPDATE statements, %s rows renewed,"
                        + " %s still due afterwards (%s)%n",
                renewal.get("updates_during_case_2_rounds"), renewal.get("sessions"), renewal.get("update_statements"),
                renewal.get("rows_renewed"), renewal.get("sessions_still_due_after"),
                Boolean.TRUE.equals(renewal.get("ok")) ? "as expected: each once" : "NOT as expected");
    }

    static String facts(Map<String, Object> facts) {
        StringBuilder md = new StringBuilder();
        facts.forEach((k, v) -> md.append("- ").append(k).append(": ").append(v).append('\n'));
        return md.toString();
    }
}

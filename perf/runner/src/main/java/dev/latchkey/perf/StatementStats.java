package dev.latchkey.perf;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** What the applications' connections ran, from {@code pg_stat_statements}, between a reset and a read. */
final class StatementStats {

    private static final String READ = "SELECT query, calls, rows FROM pg_stat_statements"
            + " WHERE userid = (SELECT oid FROM pg_roles WHERE rolname = '" + Database.APP_USER + "')"
            + " AND query NOT ILIKE '%pg_stat_statements%'";

    private final Database database;

    StatementStats(Database database) {
        this.database = database;
    }

    void reset() throws SQLException {
        database.queryString("SELECT pg_stat_statements_reset()");
    }

    Snapshot read() throws SQLException {
        List<Entry> entries = new ArrayList<>();
        try (Connection c = database.admin(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(READ)) {
            while (rs.next()) {
                entries.add(new Entry(rs.getString(1), rs.getLong(2), rs.getLong(3)));
            }
        }
        entries.sort(Comparator.comparingLong(Entry::calls).reversed());
        return new Snapshot(entries);
    }

    /** One normalised statement: its text, how often it ran, the rows it returned or changed. */
    record Entry(String query, long calls, long rows) {

        /** The first keyword: SELECT, UPDATE, BEGIN, COMMIT, ... */
        String kind() {
            String trimmed = query.stripLeading();
            int end = 0;
            while (end < trimmed.length() && Character.isLetter(trimmed.charAt(end))) {
                end++;
            }
            return end == 0 ? "OTHER" : trimmed.substring(0, end).toUpperCase(Locale.ROOT);
        }

        boolean is(String kind, String table) {
            return kind().equals(kind) && query.toLowerCase(Locale.ROOT).contains(table);
        }
    }

    record Snapshot(List<Entry> entries) {

        long calls() {
            return entries.stream().mapToLong(Entry::calls).sum();
        }

        Map<String, Long> callsByKind() {
            Map<String, Long> byKind = new TreeMap<>();
            entries.forEach(e -> byKind.merge(e.kind(), e.calls(), Long::sum));
            return byKind;
        }

        long calls(String kind, String table) {
            return entries.stream().filter(e -> e.is(kind, table)).mapToLong(Entry::calls).sum();
        }

        long rows(String kind, String table) {
            return entries.stream().filter(e -> e.is(kind, table)).mapToLong(Entry::rows).sum();
        }

        /** The most frequent statements, for the report. */
        List<Map<String, Object>> top(int limit) {
            return entries.stream().limit(limit).map(e -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("calls", e.calls());
                m.put("rows", e.rows());
                m.put("query", e.query().length() > 300 ? e.query().substring(0, 300) + "…" : e.query());
                return m;
            }).toList();
        }
    }
}

package dev.latchkey.perf;

import java.util.List;
import java.util.Map;

/**
 * One measured wrk run and the statements and Redis commands the applications ran meanwhile.
 *
 * @param sessionUpdates      {@code UPDATE}s of {@code latchkey_session} (renewals): 0 for sessions not due
 * @param redisCommandsByName the Redis commands that ran, by name ({@code hgetall}, {@code evalsha}, ...)
 */
record Round(WrkResult wrk, long statements, Map<String, Long> statementsByKind, long sessionUpdates,
             List<Map<String, Object>> topStatements, Map<String, Long> redisCommandsByName) {

    static Round of(WrkResult wrk, StatementStats.Snapshot snapshot, Map<String, Long> redisCommands) {
        return new Round(wrk, snapshot.calls(), snapshot.callsByKind(), snapshot.calls("UPDATE", "latchkey_session"),
                snapshot.top(5), redisCommands);
    }

    double statementsPerRequest() {
        return perRequest(statements);
    }

    long redisCommands() {
        return redisCommandsByName.values().stream().mapToLong(Long::longValue).sum();
    }

    double redisCommandsPerRequest() {
        return perRequest(redisCommands());
    }

    /** {@code count} per completed request (Bench refuses a run that completed none). */
    private double perRequest(long count) {
        return wrk.requests() == 0 ? Double.NaN : (double) count / wrk.requests();
    }

    Map<String, Object> toMap() {
        Map<String, Object> m = wrk.toMap();
        m.put("statements", statements);
        m.put("statements_per_request", statementsPerRequest());
        m.put("statements_by_kind", statementsByKind);
        m.put("latchkey_session_updates", sessionUpdates);
        m.put("redis_commands", redisCommands());
        m.put("redis_commands_per_request", redisCommandsPerRequest());
        m.put("redis_commands_by_name", redisCommandsByName);
        return m;
    }
}

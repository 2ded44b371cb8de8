package dev.latchkey.perf;

import java.util.List;
import java.util.Map;

/**
 * One measured wrk run and the statements the applications ran meanwhile.
 *
 * @param sessionUpdates {@code UPDATE}s of {@code latchkey_session} (renewals): 0 for sessions not due
 */
record Round(WrkResult wrk, long statements, Map<String, Long> statementsByKind, long sessionUpdates,
             List<Map<String, Object>> topStatements) {

    static Round of(WrkResult wrk, StatementStats.Snapshot snapshot) {
        return new Round(wrk, snapshot.calls(), snapshot.callsByKind(), snapshot.calls("UPDATE", "latchkey_session"),
                snapshot.top(5));
    }

    double statementsPerRequest() {
        return wrk.requests() == 0 ? 0 : (double) statements / wrk.requests();
    }

    Map<String, Object> toMap() {
        Map<String, Object> m = wrk.toMap();
        m.put("statements", statements);
        m.put("statements_per_request", statementsPerRequest());
        m.put("statements_by_kind", statementsByKind);
        m.put("latchkey_session_updates", sessionUpdates);
        return m;
    }
}

package dev.latchkey.perf;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A case's rounds (or why it was not measured) and their medians and spread. */
final class CaseResult {

    private final LoadCase loadCase;
    private final List<Round> rounds = new ArrayList<>();
    private final String pending;

    private CaseResult(LoadCase loadCase, String pending) {
        this.loadCase = loadCase;
        this.pending = pending;
    }

    static CaseResult measured(LoadCase loadCase) {
        return new CaseResult(loadCase, null);
    }

    /** A case that cannot run yet, with the reason (e.g. its application did not deploy). */
    static CaseResult pending(LoadCase loadCase, String reason) {
        return new CaseResult(loadCase, reason);
    }

    void add(Round round) {
        rounds.add(round);
    }

    LoadCase loadCase() {
        return loadCase;
    }

    List<Round> rounds() {
        return rounds;
    }

    boolean isPending() {
        return pending != null;
    }

    String pendingReason() {
        return pending;
    }

    Spread rps() {
        return Spread.of(rounds, r -> r.wrk().requestsPerSecond());
    }

    Spread p50() {
        return Spread.of(rounds, r -> r.wrk().p50Millis());
    }

    Spread p99() {
        return Spread.of(rounds, r -> r.wrk().p99Millis());
    }

    Spread statementsPerRequest() {
        return Spread.of(rounds, Round::statementsPerRequest);
    }

    Spread redisCommandsPerRequest() {
        return Spread.of(rounds, Round::redisCommandsPerRequest);
    }

    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("number", loadCase.number());
        m.put("key", loadCase.key());
        m.put("title", loadCase.title());
        m.put("path", loadCase.path());
        m.put("sends", loadCase.headers().keySet());
        m.put("status", isPending() ? "pending" : "measured");
        if (isPending()) {
            m.put("pending_reason", pending);
            return m;
        }
        m.put("rounds", rounds.stream().map(Round::toMap).toList());
        Map<String, Object> median = new LinkedHashMap<>();
        median.put("requests_per_second", rps().median());
        median.put("p50_ms", p50().median());
        median.put("p99_ms", p99().median());
        median.put("statements_per_request", statementsPerRequest().median());
        median.put("redis_commands_per_request", redisCommandsPerRequest().median());
        m.put("median", median);
        Map<String, Object> spread = new LinkedHashMap<>();
        spread.put("requests_per_second", rps().toMap());
        spread.put("p50_ms", p50().toMap());
        spread.put("p99_ms", p99().toMap());
        spread.put("statements_per_request", statementsPerRequest().toMap());
        spread.put("redis_commands_per_request", redisCommandsPerRequest().toMap());
        m.put("spread", spread);
        m.put("top_statements_last_round", rounds.isEmpty() ? List.of() : rounds.get(rounds.size() - 1).topStatements());
        return m;
    }
}

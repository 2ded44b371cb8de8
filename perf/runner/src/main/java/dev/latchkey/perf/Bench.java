package dev.latchkey.perf;

import java.io.IOException;
import java.sql.SQLException;

/**
 * Checks, warms up and measures one case: Redis's command counters read and the statement counters
 * reset, wrk, both read again.
 */
final class Bench {

    private final Http http;
    private final Wrk wrk;
    private final StatementStats statements;
    private final CommandStats redisCommands;

    Bench(Http http, Wrk wrk, StatementStats statements, CommandStats redisCommands) {
        this.http = http;
        this.wrk = wrk;
        this.statements = statements;
        this.redisCommands = redisCommands;
    }

    /** The case must answer 200 with its body, or the numbers would measure an error page. */
    void check(LoadCase loadCase) throws IOException, InterruptedException {
        Http.Response response = http.get(loadCase.path(), loadCase.headers());
        if (response.status() != 200 || !response.body().strip().equals(loadCase.expectedBody())) {
            throw new HarnessException("case " + loadCase.number() + " (" + loadCase.path() + ") answered "
                    + response.status() + " \"" + abbreviate(response.body()) + "\" instead of 200 \""
                    + loadCase.expectedBody() + "\"");
        }
    }

    void warmUp(LoadCase loadCase, int seconds) throws IOException, InterruptedException {
        if (seconds > 0) {
            failOnErrors(loadCase, wrk.run(url(loadCase), loadCase, seconds));
        }
    }

    Round measure(LoadCase loadCase, int seconds) throws IOException, InterruptedException, SQLException {
        CommandStats.Snapshot commandsBefore = redisCommands.read();
        statements.reset();
        WrkResult result = wrk.run(url(loadCase), loadCase, seconds);
        Round round = Round.of(result, statements.read(), redisCommands.read().since(commandsBefore));
        failOnErrors(loadCase, result);
        return round;
    }

    private String url(LoadCase loadCase) {
        return http.base() + loadCase.path();
    }

    private static void failOnErrors(LoadCase loadCase, WrkResult result) {
        if (result.requests() == 0) {
            // Per-request numbers of such a run would be 0 / 0, not a measurement.
            throw new HarnessException("case " + loadCase.number() + " (" + loadCase.path() + "): wrk completed no request");
        }
        if (result.non2xx() > 0) {
            throw new HarnessException("case " + loadCase.number() + " (" + loadCase.path() + "): " + result.non2xx()
                    + " of " + result.requests() + " responses were not 2xx or 3xx");
        }
        if (result.socketErrors() > 0) {
            System.out.println("  warning: case " + loadCase.number() + " had " + result.socketErrors() + " socket errors");
        }
    }

    private static String abbreviate(String body) {
        String oneLine = body.replaceAll("\\s+", " ").strip();
        return oneLine.length() > 200 ? oneLine.substring(0, 200) + "…" : oneLine;
    }
}

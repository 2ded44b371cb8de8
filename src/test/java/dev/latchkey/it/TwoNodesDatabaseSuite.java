package dev.latchkey.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latchkey.it.support.DatabaseBackend;
import dev.latchkey.it.support.PayaraNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * {@link TwoNodesSuite} on a database, and the expired-session cleanup, which only a database store
 * has, run by both nodes at once. One subclass per database.
 */
abstract class TwoNodesDatabaseSuite extends TwoNodesSuite {

    final DatabaseBackend database;

    TwoNodesDatabaseSuite(DatabaseBackend database) {
        super(database);
        this.database = database;
    }

    /**
     * The cleanup the schedule runs ({@code Latchkey.deleteExpiredSessions}, through the test
     * application's {@code /test-cleanup}), called on both nodes at once, round after round until
     * nothing is left: each expired row is deleted by exactly one statement, no live row is touched.
     */
    @Test
    @Order(10)
    void cleanupOnBothNodesAtOnceDeletesEveryExpiredRowOnceAndNoLiveOne() throws Exception {
        Set<String> before = database.sessionIds();
        Instant now = Instant.now();
        Set<String> expired = database.insertSessions("expired", 3000, now.minus(Duration.ofHours(1)));
        Set<String> live = database.insertSessions("live", 300, now.plus(Duration.ofHours(1)));
        database.countWrites();

        int perNode = 3;
        int reported = 0;
        int rounds = 0;
        int calls = 0;
        ExecutorService pool = Executors.newFixedThreadPool(2 * perNode);
        try {
            for (int inRound = -1; inRound != 0 && rounds < 20; rounds++) {
                CountDownLatch go = new CountDownLatch(1);
                List<Future<HttpResponse<String>>> answers = new ArrayList<>();
                for (int i = 0; i < 2 * perNode; i++) {
                    PayaraNode node = i % 2 == 0 ? nodeA : nodeB;
                    answers.add(pool.submit(() -> {
                        go.await();
                        return post(node, APP, "test-cleanup", null, "");
                    }));
                }
                go.countDown();
                inRound = 0;
                for (Future<HttpResponse<String>> answer : answers) {
                    HttpResponse<String> response = answer.get(120, TimeUnit.SECONDS);
                    assertEquals(200, response.statusCode(), response::body);
                    assertTrue(response.body().startsWith("deleted "), response::body);
                    inRound += Integer.parseInt(response.body().substring("deleted ".length()));
                    calls++;
                }
                reported += inRound;
            }
        } finally {
            pool.shutdownNow();
        }
        List<String> deleted = database.deletedSessions();
        Set<String> after = database.sessionIds();
        Set<String> expected = new HashSet<>(before);
        expected.addAll(live);
        System.out.printf("cleanup: %d expired and %d live rows; %d calls in %d rounds on both nodes reported %d deleted;"
                        + " %d DELETEs of a row (%d distinct); %d rows left of %d expected%n",
                expired.size(), live.size(), calls, rounds, reported, deleted.size(), new HashSet<>(deleted).size(),
                after.size(), expected.size());
        assertEquals(expired.size(), reported, "the nodes' counts add up to the expired rows: none counted twice");
        assertEquals(expired.size(), deleted.size(), "one DELETE per expired row");
        assertEquals(expired, new HashSet<>(deleted), "exactly the expired rows were deleted");
        assertEquals(expected, after, "every live row is still there");
    }
}

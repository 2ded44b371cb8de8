package dev.latchkey.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.latchkey.it.support.PayaraNode;
import dev.latchkey.it.support.ServerUnderTest;
import dev.latchkey.it.support.SessionBackend;
import dev.latchkey.it.support.TestApp;
import dev.latchkey.it.support.WebClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two Payara Micro processes, not clustered, on one session store: what a deployment behind a load
 * balancer depends on. The test starts the nodes itself (no Arquillian), each with the test
 * application and a second deployment of it with the validation cache on, and talks to them with
 * real HTTP clients. One start of both nodes serves every test; the destructive ones (a node killed,
 * the store stopped) run last and leave both nodes serving again.
 *
 * <p>The store is a {@link SessionBackend}: one subclass per store.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class TwoNodesSuite {

    static final String APP = "latchkey-it";
    static final String CACHED_APP = "latchkey-cached";
    static final Duration CACHE_MAX_AGE = Duration.ofSeconds(2);
    /** Beyond {@link #CACHE_MAX_AGE}: the poll's own requests and scheduling on a busy two-core machine. */
    static final Duration CACHE_MARGIN = Duration.ofMillis(1500);
    static final String PASSWORD = ServerUnderTest.PASSWORD;
    static final Duration START_TIMEOUT = Duration.ofSeconds(180);

    final SessionBackend backend;
    final Path work = Path.of("target/two-nodes").toAbsolutePath();
    PayaraNode nodeA;
    PayaraNode nodeB;
    HttpClient http = newClient();

    TwoNodesSuite(SessionBackend backend) {
        this.backend = backend;
    }

    @BeforeAll
    void startBothNodes() throws Exception {
        deleteRecursively(work);
        Files.createDirectories(work);
        Map<String, String> cached = new HashMap<>(backend.settings());
        cached.put("latchkey.cache.max-size", "1000");
        cached.put("latchkey.cache.max-age", CACHE_MAX_AGE.toMillis() + "ms");
        Map<String, Map<String, String>> apps = new LinkedHashMap<>();
        apps.put(APP, backend.settings());
        apps.put(CACHED_APP, cached);
        extraApps().forEach((app, settings) -> {
            Map<String, String> all = new HashMap<>(backend.settings());
            all.putAll(settings);
            apps.put(app, all);
        });
        List<PayaraNode.Deployment> deployments = new ArrayList<>();
        for (Map.Entry<String, Map<String, String>> app : apps.entrySet()) {
            deployments.add(new PayaraNode.Deployment(export(TestApp.withSettings(app.getKey() + ".war", app.getValue())),
                    app.getKey()));
        }
        backend.prepare();
        List<String> arguments = backend.payaraArguments(work);
        Path jar = Path.of(System.getProperty("servers.dir", "target/servers"), "payara-micro.jar");
        nodeA = new PayaraNode("node-a", jar, work.resolve("node-a"), PayaraNode.freePort(), arguments, deployments);
        nodeB = new PayaraNode("node-b", jar, work.resolve("node-b"), PayaraNode.freePort(), arguments, deployments);
        long started = System.nanoTime();
        nodeA.start();
        nodeB.start();
        nodeA.awaitReady(START_TIMEOUT);
        nodeB.awaitReady(START_TIMEOUT);
        for (PayaraNode node : List.of(nodeA, nodeB)) {
            for (String app : apps.keySet()) {
                HttpResponse<String> up = get(node, app, "public", null);
                assertEquals(200, up.statusCode(), () -> app + " is not deployed on " + node + ":\n" + node.tail());
            }
        }
        backend.nodesStarted();
        System.out.printf("two nodes on %s: %s and %s ready in %d ms%n", backend.description(), nodeA, nodeB,
                Duration.ofNanos(System.nanoTime() - started).toMillis());
    }

    /**
     * A user signed in on B (a laptop) and on A (a phone) in {@code app}; both nodes read the phone's
     * session, so that a cache keeps it; then the laptop revokes it through B.
     *
     * @return the phone's token
     */
    String cachedOnBothThenRevokedOnB(String app, String user) {
        Map<String, String> laptop = new LinkedHashMap<>();
        signIn(new WebClient(nodeB.url(app), laptop), user);
        String phoneToken = signIn(new WebClient(nodeA.url(app)), user);
        assertSignedInAs(user, get(nodeA, app, "me", phoneToken));
        assertSignedInAs(user, get(nodeB, app, "me", phoneToken));
        assertEquals("revoked true", new WebClient(nodeB.url(app), laptop)
                .postSameOrigin("sessions", Map.of("action", "revoke", "id", phoneToken.substring(0, 32))).body());
        return phoneToken;
    }

    /** Further applications both nodes deploy, by context root, with their settings besides the store's. */
    Map<String, Map<String, String>> extraApps() {
        return Map.of();
    }

    @AfterAll
    void stopBothNodes() {
        List<PayaraNode> started = Stream.of(nodeA, nodeB).filter(n -> n != null).toList();
        started.forEach(PayaraNode::requestStop);
        started.forEach(PayaraNode::close);
    }

    /**
     * One browser behind a load balancer: signed in on A, served by B; at its renewal point B renews
     * it (one write) and sends the cookie again, which A then accepts without renewing again.
     *
     * <p>The session reaches its renewal point by moving its deadline in the store, not the test
     * clock: {@code /test-clock} moves one node's clock only (a static of the WAR in that JVM), so the
     * nodes would disagree about the time and the validation cache's ages would move too; the store is
     * what both nodes share, and a deadline 10 days away is exactly what a session idle for 20 of its
     * 30 days looks like.
     */
    @Test
    @Order(1)
    void aSessionCreatedOnOneNodeWorksOnTheOtherAndSoDoesItsRenewedCookie() {
        String user = register();
        Map<String, String> jar = new LinkedHashMap<>();
        WebClient onA = new WebClient(nodeA.url(APP), jar);
        WebClient onB = new WebClient(nodeB.url(APP), jar);
        String token = signIn(onA, user);
        String id = token.substring(0, 32);

        HttpResponse<String> first = onB.get("me");
        assertSignedInAs(user, first);
        assertTrue(WebClient.setCookies(first).isEmpty(), "no cookie before the renewal point");

        // 20 of its 30 days pass: past the halfway point.
        backend.setExpiresAt(id, Instant.now().plus(Duration.ofDays(10)));
        backend.countWrites();
        HttpResponse<String> renewed = onB.get("me");
        assertSignedInAs(user, renewed);
        String renewedToken = ServerUnderTest.token(true, ServerUnderTest.onlySetCookie(renewed));
        assertEquals(token, renewedToken, "renewal extends the session; the token stays");
        assertEquals(1, backend.writesTo(id), "one renewal write, by node B");
        Instant expiry = backend.expiresAt(id).orElseThrow();
        assertTrue(expiry.isAfter(Instant.now().plus(Duration.ofDays(30)).minusSeconds(60)), "renewed to 30 days: " + expiry);

        HttpResponse<String> back = onA.get("me");
        assertSignedInAs(user, back);
        assertTrue(WebClient.setCookies(back).isEmpty(), "node A sees the renewal: nothing to renew again");
        assertEquals(1, backend.writesTo(id), "node A wrote nothing");
        assertEquals(expiry, backend.expiresAt(id).orElseThrow());
    }

    @Test
    @Order(2)
    void signOutAndRevocationOnOneNodeAreRefusedOnTheOtherAtTheNextRequest() {
        String user = register();
        Map<String, String> laptop = new LinkedHashMap<>();
        String laptopToken = signIn(new WebClient(nodeA.url(APP), laptop), user);
        String phoneToken = signIn(new WebClient(nodeA.url(APP)), user);
        for (PayaraNode node : List.of(nodeA, nodeB)) {
            assertSignedInAs(user, get(node, APP, "me", phoneToken));
            assertSignedInAs(user, get(node, APP, "me", laptopToken));
        }

        WebClient laptopOnB = new WebClient(nodeB.url(APP), laptop);
        HttpResponse<String> revoke = laptopOnB.postSameOrigin("sessions", Map.of("action", "revoke", "id", phoneToken.substring(0, 32)));
        assertEquals(200, revoke.statusCode(), revoke::body);
        assertEquals("revoked true", revoke.body());
        assertRefused(get(nodeA, APP, "me", phoneToken), "the phone's next request, on node A");
        assertFalse(backend.expiresAt(phoneToken.substring(0, 32)).isPresent(), "the row is gone");

        assertSignedInAs(user, get(nodeA, APP, "me", laptopToken));
        HttpResponse<String> out = laptopOnB.postSameOrigin("signout", Map.of());
        assertEquals(200, out.statusCode(), out::body);
        assertEquals("signed out", out.body());
        ServerUnderTest.assertBlank(ServerUnderTest.onlySetCookie(out));
        assertRefused(get(nodeA, APP, "me", laptopToken), "the signed-out cookie, replayed on node A");
        assertFalse(backend.expiresAt(laptopToken.substring(0, 32)).isPresent(), "the row is gone");
    }

    @Test
    @Order(3)
    void withTheValidationCacheARevocationIsSeenAtOnceWhereMadeAndWithinMaxAgeOnTheOtherNode() throws Exception {
        String user = register();
        String phoneToken = cachedOnBothThenRevokedOnB(CACHED_APP, user);
        long revoked = System.nanoTime();
        assertRefused(get(nodeB, CACHED_APP, "me", phoneToken), "on the node that revoked it, at once");

        int justAfter = get(nodeA, CACHED_APP, "me", phoneToken).statusCode();
        assertTrue(justAfter == 200 || justAfter == 401, "200 from the cache or 401, nothing else: " + justAfter);
        long deadline = revoked + CACHE_MAX_AGE.plus(CACHE_MARGIN).toNanos();
        int polls = 0;
        HttpResponse<String> last;
        do {
            last = get(nodeA, CACHED_APP, "me", phoneToken);
            polls++;
            if (last.statusCode() == 200) {
                assertSignedInAs(user, last);
                Thread.sleep(20);
            }
        } while (last.statusCode() == 200 && System.nanoTime() < deadline);
        long staleMillis = Duration.ofNanos(System.nanoTime() - revoked).toMillis();
        System.out.printf("cache: revoked on B; node A answered %d just after, refused after %d ms (%d polls; max-age %d ms)%n",
                justAfter, staleMillis, polls, CACHE_MAX_AGE.toMillis());
        assertRefused(last, "node A, no later than max-age " + CACHE_MAX_AGE.toMillis() + " ms + "
                + CACHE_MARGIN.toMillis() + " ms after the revocation");
        assertRefused(get(nodeA, CACHED_APP, "me", phoneToken), "and from then on");
    }

    @Test
    @Order(4)
    void bothNodesHittingOneSessionAtItsRenewalPointAtOnceWriteItOnce() throws Exception {
        String user = register();
        String token = signIn(new WebClient(nodeA.url(APP)), user);
        String id = token.substring(0, 32);
        backend.setExpiresAt(id, Instant.now().plus(Duration.ofDays(10)));
        backend.countWrites();

        int requests = 40;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(requests);
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < requests; i++) {
                PayaraNode node = i % 2 == 0 ? nodeA : nodeB;
                answers.add(pool.submit(() -> {
                    go.await();
                    return get(node, APP, "me", token);
                }));
            }
            go.countDown();
            int renewedCookies = 0;
            for (Future<HttpResponse<String>> answer : answers) {
                HttpResponse<String> response = answer.get(60, TimeUnit.SECONDS);
                assertSignedInAs(user, response);
                renewedCookies += WebClient.setCookies(response).size();
            }
            int writes = backend.writesTo(id);
            String tried = backend.writesTried().isPresent() ? Integer.toString(backend.writesTried().getAsInt()) : "?";
            System.out.printf("renewal race: %d concurrent requests (%d per node), %s conditional UPDATEs tried,"
                    + " %d changed the row, %d renewed cookie%n", requests, requests / 2, tried, writes, renewedCookies);
            assertEquals(1, writes, "exactly one UPDATE of the session row");
            assertEquals(1, renewedCookies, "only the request that renewed sends the cookie");
            assertTrue(backend.expiresAt(id).orElseThrow().isAfter(Instant.now().plus(Duration.ofDays(29))));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @Order(20)
    void aNodeKilledMidTrafficLosesNoSessionAndTheOtherServesEveryOne() throws Exception {
        Map<String, String> users = signedInSessions(40);
        Set<String> rowsBefore = backend.sessionIds();
        List<String> tokens = new ArrayList<>(users.keySet());

        Traffic onA = new Traffic(nodeA, users, tokens);
        Traffic onB = new Traffic(nodeB, users, tokens);
        ExecutorService threads = Executors.newFixedThreadPool(6);
        int exit;
        long sentToBBeforeKill;
        try {
            for (int i = 0; i < 3; i++) {
                threads.submit(onA);
                threads.submit(onB);
            }
            await(Duration.ofSeconds(60), () -> onA.ok.get() >= 150 && onB.ok.get() >= 150, "traffic on both nodes");
            sentToBBeforeKill = onB.sent.get();
            onA.nodeKilled();
            onB.countServedFromNow();
            exit = nodeA.kill();
            long killedAt = onB.sent.get();
            await(Duration.ofSeconds(60), () -> onB.sent.get() >= killedAt + 300 && onB.served.size() == users.size(),
                    "node B serving every session after the kill");
        } finally {
            onA.stop();
            onB.stop();
            threads.shutdown();
            assertTrue(threads.awaitTermination(60, TimeUnit.SECONDS), "traffic stopped");
        }
        System.out.printf("kill: node A ended by SIGKILL (exit %d) after %d requests; node B: %d requests (%d after the kill),"
                        + " %d answered right, %d 5xx, %d other failures; node A: %d requests, %d answered right, %d without answer%n",
                exit, onA.sent.get() - onA.unanswered.get(), onB.sent.get(), onB.sent.get() - sentToBBeforeKill, onB.ok.get(),
                onB.serverErrors.get(), onB.failures.get() - onB.serverErrors.get(), onA.sent.get(), onA.ok.get(),
                onA.unanswered.get());
        assertEquals(137, exit, "128 + SIGKILL (9): killed, not stopped");
        assertEquals(0, onB.serverErrors.get(), "no 5xx from node B");
        assertEquals(0, onB.failures.get(), () -> "every request to node B answered right; first failure: " + onB.firstFailure);
        assertEquals(onB.sent.get(), onB.ok.get());
        assertEquals(users.keySet(), onB.served, "node B served every session after the kill");
        assertEquals(0, onA.failures.get(), () -> "node A answered wrongly before it died: " + onA.firstFailure);

        long restart = System.nanoTime();
        nodeA.start();
        nodeA.awaitReady(START_TIMEOUT);
        System.out.printf("kill: node A restarted in %d ms%n", Duration.ofNanos(System.nanoTime() - restart).toMillis());
        http = newClient();
        int lost = 0;
        for (Map.Entry<String, String> session : users.entrySet()) {
            for (PayaraNode node : List.of(nodeA, nodeB)) {
                HttpResponse<String> me = get(node, APP, "me", session.getKey());
                if (me.statusCode() != 200 || !me.body().contains("principal=" + session.getValue() + "\n")) {
                    lost++;
                }
            }
        }
        Set<String> rowsAfter = backend.sessionIds();
        System.out.printf("kill: %d sessions checked on both nodes after the restart, %d lost; rows %d before, %d after%n",
                users.size(), lost, rowsBefore.size(), rowsAfter.size());
        assertEquals(0, lost, "every session valid on both nodes");
        assertEquals(rowsBefore, rowsAfter, "no row lost, none added");
    }

    @Test
    @Order(30)
    void withTheStoreStoppedBothNodesAnswer503AndRecoverByThemselves() throws Exception {
        String user = register();
        String token = signIn(new WebClient(nodeA.url(APP)), user);
        for (PayaraNode node : List.of(nodeA, nodeB)) {
            assertSignedInAs(user, get(node, APP, "me", token));
        }
        Set<String> rowsBefore = backend.sessionIds();
        Map<PayaraNode, Long> processes = Map.of(nodeA, nodeA.pid(), nodeB, nodeB.pid());

        backend.stop();
        int protectedRequests = 0;
        int unavailable = 0;
        Map<Integer, Integer> statuses = new HashMap<>();
        try {
            for (PayaraNode node : List.of(nodeA, nodeB)) {
                for (int i = 0; i < 10; i++) {
                    for (HttpResponse<String> response : List.of(get(node, APP, "me", token), get(node, APP, "api/whoami", token),
                            post(node, APP, "sessions", token, "action=revoke-others"))) {
                        protectedRequests++;
                        statuses.merge(response.statusCode(), 1, Integer::sum);
                        if (response.statusCode() == 503) {
                            unavailable++;
                            assertEquals("5", response.headers().firstValue("Retry-After").orElse(""), "Retry-After");
                            assertEquals("LK-106 STORE_UNAVAILABLE", ServerUnderTest.reason(response));
                            assertTrue(WebClient.setCookies(response).isEmpty(), "the cookie is kept: the session may be fine");
                        }
                    }
                    HttpResponse<String> pub = get(node, APP, "public", token);
                    assertEquals(200, pub.statusCode(), node + ": a public page keeps answering");
                    assertEquals("anonymous", pub.body(), "and nobody is signed in on it");
                    assertEquals(401, get(node, APP, "me", null).statusCode(), "no cookie: 401, the store is not needed");
                }
            }
            System.out.printf("store stopped: %d protected requests with a session, %d answered 503, statuses %s%n",
                    protectedRequests, unavailable, statuses);
            assertEquals(Map.of(503, protectedRequests), statuses, "every protected request 503: never 200, never anonymous");
        } finally {
            backend.start();
        }

        Map<String, Long> recovery = new LinkedHashMap<>();
        Map<Integer, Integer> whileRecovering = new HashMap<>();
        long started = System.nanoTime();
        for (PayaraNode node : List.of(nodeA, nodeB)) {
            await(Duration.ofSeconds(60), () -> {
                int status = get(node, APP, "me", token).statusCode();
                whileRecovering.merge(status, 1, Integer::sum);
                return status == 200;
            }, node + " serving the session again without a restart:\n" + node.tail());
            recovery.put(node.name(), Duration.ofNanos(System.nanoTime() - started).toMillis());
        }
        System.out.printf("store started again: served again after %s ms; statuses meanwhile %s%n", recovery, whileRecovering);
        assertTrue(whileRecovering.keySet().stream().allMatch(s -> s == 200 || s == 503), "only 503 or 200: " + whileRecovering);
        for (PayaraNode node : List.of(nodeA, nodeB)) {
            assertSignedInAs(user, get(node, APP, "me", token));
            assertEquals(200, post(node, APP, "sessions", token, "action=revoke-others").statusCode(), "writes work again");
        }
        assertEquals(rowsBefore, backend.sessionIds(), "no session lost");
        assertEquals(processes, Map.of(nodeA, nodeA.pid(), nodeB, nodeB.pid()), "the same processes: no restart");
    }

    // ---- helpers

    /** A new account (shared by both nodes and both deployments), registered through node A. */
    String register() {
        String user = ServerUnderTest.newUser("two");
        HttpResponse<String> up = new WebClient(nodeA.url(APP)).postSameOrigin("signup", Map.of("username", user, "password", PASSWORD));
        assertEquals(201, up.statusCode(), up::body);
        return user;
    }

    /** Signs in with "remember me" and returns the token the cookie carries. */
    static String signIn(WebClient browser, String user) {
        HttpResponse<String> in = browser.postSameOrigin("signin", Map.of("username", user, "password", PASSWORD, "remember", "on"));
        assertEquals(200, in.statusCode(), in::body);
        return ServerUnderTest.token(true, ServerUnderTest.onlySetCookie(in));
    }

    /** {@code count} sessions of {@code count / 4} users, signed in on both nodes in turn: token to user. */
    Map<String, String> signedInSessions(int count) {
        Map<String, String> sessions = new LinkedHashMap<>();
        String user = null;
        for (int i = 0; i < count; i++) {
            if (i % 4 == 0) {
                user = register();
            }
            sessions.put(signIn(new WebClient((i % 2 == 0 ? nodeA : nodeB).url(APP)), user), user);
        }
        return sessions;
    }

    static void assertSignedInAs(String user, HttpResponse<String> me) {
        assertEquals(200, me.statusCode(), () -> me.uri() + ": " + me.body());
        assertTrue(me.body().contains("principal=" + user + "\n"), me::body);
    }

    /** 401, the session unknown, the blank cookie sent. */
    static void assertRefused(HttpResponse<String> me, String what) {
        assertEquals(401, me.statusCode(), () -> what + ": " + me.body());
        assertEquals("LK-103 UNKNOWN_SESSION", ServerUnderTest.reason(me), what);
        ServerUnderTest.assertBlank(ServerUnderTest.onlySetCookie(me));
    }

    HttpResponse<String> get(PayaraNode node, String app, String path, String token) {
        return send(node, app, path, token, HttpRequest.newBuilder().GET());
    }

    /** A same-origin form post. */
    HttpResponse<String> post(PayaraNode node, String app, String path, String token, String form) {
        String origin = "http://localhost:" + node.url(app).getPort();
        return send(node, app, path, token, HttpRequest.newBuilder().POST(HttpRequest.BodyPublishers.ofString(form))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Origin", origin)
                .header("Sec-Fetch-Site", "same-origin"));
    }

    private HttpResponse<String> send(PayaraNode node, String app, String path, String token, HttpRequest.Builder request) {
        request.uri(URI.create(node.url(app) + path)).timeout(Duration.ofSeconds(60));
        if (token != null) {
            request.header("Cookie", "latchkey=" + token);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(node + " did not answer " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static HttpClient newClient() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** Polls {@code condition} until it holds, failing after {@code timeout}. */
    static void await(Duration timeout, java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                fail("not within " + timeout.toSeconds() + " s: " + what);
            }
            Thread.sleep(100);
        }
    }

    private Path export(WebArchive war) {
        Path file = work.resolve(war.getName());
        war.as(ZipExporter.class).exportTo(file.toFile(), true);
        return file;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /**
     * Requests to one node from one thread, round the sessions, until stopped: each answer must be
     * 200 with the session's user. A request without an answer (the node is dead) is counted apart.
     */
    final class Traffic implements Runnable {
        final AtomicLong sent = new AtomicLong();
        final AtomicLong ok = new AtomicLong();
        final AtomicLong serverErrors = new AtomicLong();
        final AtomicLong failures = new AtomicLong();
        final AtomicLong unanswered = new AtomicLong();
        volatile String firstFailure = "none";
        /** The sessions answered right since {@link #countServedFromNow()}. */
        final Set<String> served = ConcurrentHashMap.newKeySet();
        private volatile boolean counting;
        private final PayaraNode node;
        private final Map<String, String> users;
        private final List<String> tokens;
        private final HttpClient client = newClient();
        private volatile boolean running = true;
        private volatile boolean killed;

        Traffic(PayaraNode node, Map<String, String> users, List<String> tokens) {
            this.node = node;
            this.users = users;
            this.tokens = tokens;
        }

        void stop() {
            running = false;
        }

        void countServedFromNow() {
            counting = true;
        }

        /** From now on a request without an answer is expected: the node is being killed. */
        void nodeKilled() {
            killed = true;
        }

        @Override
        public void run() {
            int i = (int) (Math.random() * tokens.size());
            while (running) {
                String token = tokens.get(i++ % tokens.size());
                sent.incrementAndGet();
                try {
                    HttpResponse<String> me = client.send(HttpRequest.newBuilder(URI.create(node.url(APP) + "me"))
                            .header("Cookie", "latchkey=" + token).timeout(Duration.ofSeconds(30)).build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (me.statusCode() == 200 && me.body().contains("principal=" + users.get(token) + "\n")) {
                        ok.incrementAndGet();
                        if (counting) {
                            served.add(token);
                        }
                    } else {
                        if (me.statusCode() >= 500) {
                            serverErrors.incrementAndGet();
                        }
                        failures.incrementAndGet();
                        firstFailure = firstFailure.equals("none") ? me.statusCode() + " " + me.body() : firstFailure;
                    }
                } catch (IOException noAnswer) {
                    if (!killed) {
                        failures.incrementAndGet();
                        firstFailure = firstFailure.equals("none") ? noAnswer.toString() : firstFailure;
                    } else {
                        unanswered.incrementAndGet();
                        pause(); // the node is dead: keep the two cores for the living one
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }

        private void pause() {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

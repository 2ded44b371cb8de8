package dev.latchkey.recovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latchkey.testing.MutableClock;
import dev.latchkey.testing.Provider;
import dev.latchkey.testing.TestDatabase;
import dev.latchkey.throttle.InMemoryAttemptStore;
import jakarta.persistence.EntityManagerFactory;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One-time tokens on a real database under a real provider: the V8 script, links used once and only for
 * their purpose, nothing secret in the table, expiry on a movable clock, a new token retiring the older,
 * twenty requests using one token at once, and codes counted before they are checked (per challenge, per
 * address, twenty at once). One small subclass per database and provider.
 */
public abstract class OneTimeTokenSuite {

    private static final Map<Class<?>, EntityManagerFactory> UNITS = new HashMap<>();
    private static final Map<Purpose, Duration> LIFETIMES = Map.of(Purpose.RESET_PASSWORD, Duration.ofMinutes(30),
            Purpose.VERIFY_ADDRESS, Duration.ofHours(24), Purpose.SIGN_IN, Duration.ofMinutes(10));
    private static final String ANN = "ann@example.com";

    private final Supplier<TestDatabase> database;
    private final Provider provider;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-06-01T12:00:00Z"));
    private Tokens tokens;

    /**
     * @param database the database, started when a test first asks for it
     * @param provider the JPA provider
     */
    protected OneTimeTokenSuite(Supplier<TestDatabase> database, Provider provider) {
        this.database = database;
        this.provider = provider;
    }

    private TestDatabase database() {
        return database.get();
    }

    private EntityManagerFactory unit() {
        synchronized (UNITS) {
            return UNITS.computeIfAbsent(getClass(), k -> provider.open(database().dataSource(), false));
        }
    }

    @AfterAll
    static void closeUnits() {
        synchronized (UNITS) {
            UNITS.values().forEach(EntityManagerFactory::close);
            UNITS.clear();
        }
    }

    @BeforeEach
    void openTokens() {
        TokenStore store = TokenStore.open(unit(), database().product(), true);
        database().execute("DELETE FROM latchkey_onetime_token");
        tokens = new Tokens(store, new InMemoryAttemptStore(), clock, LIFETIMES, 6, Duration.ofHours(1));
    }

    // ---- the table ----

    @Test
    void aMissingTableStopsTheStartNamingTheV8ScriptOrIsCreatedFromIt() {
        database().execute("DROP TABLE latchkey_onetime_token");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> TokenStore.open(unit(), database().product(), false));
        assertTrue(e.getMessage().contains(database().product().script("V8__create_latchkey_onetime_token.sql")), e.getMessage());
        TokenStore.open(unit(), database().product(), true);
        String token = tokens.issueLink(Purpose.RESET_PASSWORD, "ann", ANN);
        assertTrue(tokens.take(Purpose.RESET_PASSWORD, token).isPresent());
    }

    @Test
    void theTableHoldsTheIdAndHashesButNoTokenText() {
        String link = tokens.issueLink(Purpose.RESET_PASSWORD, "ann", ANN);
        CodeChallenge code = tokens.issueCode(Purpose.SIGN_IN, "ann", ANN);
        for (String token : List.of(link, code.challenge())) {
            TokenText text = TokenText.parse(token).orElseThrow();
            Map<String, String> row = storedRow(text.id());
            assertEquals(text.id(), row.get("token_id"), "the id half only");
            assertEquals(TokenText.sha256(text.secret()), row.get("secret_hash"));
            assertNotEquals(text.secret(), row.get("secret_hash"));
            for (Map.Entry<String, String> column : row.entrySet()) {
                String value = String.valueOf(column.getValue());
                assertFalse(value.contains(text.secret()) || value.contains(token), column.getKey() + " holds the secret");
            }
        }
        assertNull(storedRow(TokenText.parse(link).orElseThrow().id()).get("code_hash"));
        String codeHash = storedRow(TokenText.parse(code.challenge()).orElseThrow().id()).get("code_hash");
        assertEquals(TokenText.parse(code.challenge()).orElseThrow().codeHash(code.code()), codeHash);
        assertFalse(codeHash.contains(code.code()));
    }

    // ---- links ----

    @Test
    void aLinkIsFoundWithoutBeingUsedAndWorksOnce() {
        String token = tokens.issueLink(Purpose.RESET_PASSWORD, "ann", ANN);
        Redeemed peeked = tokens.peek(Purpose.RESET_PASSWORD, token).orElseThrow();
        assertEquals(new Redeemed(Purpose.RESET_PASSWORD, "ann", ANN, clock.instant()), peeked);
        assertEquals(peeked, tokens.peek(Purpose.RESET_PASSWORD, token).orElseThrow(), "looking does not use it");
        assertEquals(Optional.of(peeked), tokens.take(Purpose.RESET_PASSWORD, token));
        assertEquals(Optional.empty(), tokens.take(Purpose.RESET_PASSWORD, token), "used up");
        assertEquals(Optional.empty(), tokens.peek(Purpose.RESET_PASSWORD, token));
        assertEquals(0L, rows());
    }

    @Test
    void aTokenOfAnotherPurposeIsRefusedAndNotUsedUp() {
        String token = tokens.issueLink(Purpose.RESET_PASSWORD, "ann", ANN);
        for (Purpose other : List.of(Purpose.SIGN_IN, Purpose.VERIFY_ADDRESS)) {
            assertEquals(Optional.empty(), tokens.peek(other, token));
            assertEquals(Optional.empty(), tokens.take(other, token));
        }
        assertEquals(1L, rows());
        assertTrue(tokens.take(Purpose.RESET_PASSWORD, token).isPresent());
    }

    @Test
    void malformedTokensAreRefusedBeforeAnythingIsDeleted() {
        String token = tokens.issueLink(Purpose.SIGN_IN, "ann", ANN);
        TokenText text = TokenText.parse(token).orElseThrow();
        String wrongSecret = text.id() + "." + TokenText.generate(new SecureRandom()).secret();
        for (String bad : Arrays.asList(null, "", token + "a", token.substring(1), token.toUpperCase(), text.id(),
                token.replace('.', 'a'), wrongSecret, token.substring(0, token.length() - 1) + "!")) {
            assertEquals(Optional.empty(), tokens.peek(Purpose.SIGN_IN, bad), String.valueOf(bad));
            assertEquals(Optional.empty(), tokens.take(Purpose.SIGN_IN, bad), String.valueOf(bad));
        }
        assertEquals(1L, rows(), "nothing was deleted");
        assertTrue(tokens.take(Purpose.SIGN_IN, token).isPresent());
    }

    @Test
    void aTokenWorksUntilItsLifetimeAndNotFromThen() {
        String token = tokens.issueLink(Purpose.RESET_PASSWORD, "ann", ANN);
        assertEquals(Duration.ofMinutes(30), tokens.lifetime(Purpose.RESET_PASSWORD));
        clock.advance(Duration.ofMinutes(30).minusMillis(1));
        assertTrue(tokens.peek(Purpose.RESET_PASSWORD, token).isPresent(), "a millisecond before");
        clock.advance(Duration.ofMillis(1));
        assertEquals(Optional.empty(), tokens.peek(Purpose.RESET_PASSWORD, token), "at its lifetime");
        assertEquals(Optional.empty(), tokens.take(Purpose.RESET_PASSWORD, token));
        clock.advance(Duration.ofHours(1));
        assertEquals(Optional.empty(), tokens.take(Purpose.RESET_PASSWORD, token), "after it");
    }

    @Test
    void deleteExpiredRemovesExactlyTheExpiredRows() {
        String signIn = tokens.issueLink(Purpose.SIGN_IN, "ann", ANN);
        String reset = tokens.issueLink(Purpose.RESET_PASSWORD, "ann", ANN);
        String verify = tokens.issueLink(Purpose.VERIFY_ADDRESS, "ann", ANN);
        tokens.issueCode(Purpose.SIGN_IN, "bob", "bob@example.com");
        assertEquals(4L, rows());
        clock.advance(Duration.ofMinutes(30).minusMillis(1));
        assertEquals(2, tokens.deleteExpired(), "the two sign-in tokens of 10 minutes");
        assertEquals(2L, rows());
        assertTrue(tokens.peek(Purpose.RESET_PASSWORD, reset).isPresent());
        clock.advance(Duration.ofMillis(1));
        assertEquals(1, tokens.deleteExpired(), "the reset token, at its lifetime");
        assertEquals(1L, rows());
        assertEquals(0, tokens.deleteExpired());
        assertEquals(Optional.empty(), tokens.peek(Purpose.SIGN_IN, signIn));
        assertTrue(tokens.take(Purpose.VERIFY_ADDRESS, verify).isPresent());
    }

    @Test
    void aNewTokenRetiresTheUsersOlderOneOfItsPurposeOnly() {
        String oldReset = tokens.issueLink(Purpose.RESET_PASSWORD, "ann", ANN);
        String verify = tokens.issueLink(Purpose.VERIFY_ADDRESS, "ann", ANN);
        String bobsReset = tokens.issueLink(Purpose.RESET_PASSWORD, "bob", "bob@example.com");
        String newReset = tokens.issueLink(Purpose.RESET_PASSWORD, "ann", ANN);
        assertEquals(Optional.empty(), tokens.peek(Purpose.RESET_PASSWORD, oldReset));
        assertTrue(tokens.peek(Purpose.RESET_PASSWORD, newReset).isPresent());
        assertTrue(tokens.peek(Purpose.VERIFY_ADDRESS, verify).isPresent(), "another purpose survives");
        assertTrue(tokens.peek(Purpose.RESET_PASSWORD, bobsReset).isPresent(), "another user's survives");
        tokens.issueCode(Purpose.SIGN_IN, "ann", ANN);
        assertEquals(1, tokens.retire("ann", Purpose.SIGN_IN));
        tokens.issueCode(Purpose.SIGN_IN, "ann", ANN);
        assertEquals(3, tokens.retire("ann", null), "every purpose");
        assertEquals(Optional.empty(), tokens.peek(Purpose.RESET_PASSWORD, newReset));
        assertEquals(Optional.empty(), tokens.peek(Purpose.VERIFY_ADDRESS, verify));
        assertEquals(1L, rows());
        assertTrue(tokens.take(Purpose.RESET_PASSWORD, bobsReset).isPresent());
    }

    @Test
    void twentyRequestsUsingOneTokenAtOnceLetExactlyOneThrough() throws Exception {
        String token = tokens.issueLink(Purpose.SIGN_IN, "ann", ANN);
        List<Optional<Redeemed>> outcomes = atOnce(20, i -> tokens.take(Purpose.SIGN_IN, token));
        assertEquals(1, outcomes.stream().filter(Optional::isPresent).count(), outcomes::toString);
        assertEquals(0L, rows());
    }

    // ---- codes ----

    @Test
    void aCodeWorksOnceForItsChallengeAndAWrongOneIsRefused() {
        CodeChallenge issued = tokens.issueCode(Purpose.SIGN_IN, "ann", ANN);
        assertTrue(issued.code().matches("\\d{6}"), "six digits");
        for (String wrong : Arrays.asList(otherCode(issued.code()), null, issued.code() + "0")) {
            CodeResult refused = tokens.takeCode(Purpose.SIGN_IN, issued.challenge(), wrong, null);
            assertEquals(CodeResult.REFUSED, refused, "refused, not throttled: " + wrong);
        }
        assertEquals(CodeResult.REFUSED, tokens.takeCode(Purpose.VERIFY_ADDRESS, issued.challenge(), issued.code(), null),
                "another purpose (the fourth attempt on the challenge)");
        CodeResult right = tokens.takeCode(Purpose.SIGN_IN, issued.challenge(), issued.code(), "192.0.2.1");
        assertEquals(Optional.of(new Redeemed(Purpose.SIGN_IN, "ann", ANN, clock.instant())), right.accepted());
        assertEquals(Optional.empty(), tokens.takeCode(Purpose.SIGN_IN, issued.challenge(), issued.code(), null).accepted(),
                "used up");
    }

    @Test
    void afterFiveWrongCodesEvenTheRightOneIsThrottledCountedPerChallenge() {
        CodeChallenge issued = tokens.issueCode(Purpose.SIGN_IN, "ann", ANN);
        for (int i = 0; i < Tokens.CODES_PER_CHALLENGE; i++) {
            assertEquals(CodeResult.REFUSED, tokens.takeCode(Purpose.SIGN_IN, issued.challenge(), otherCode(issued.code()), null));
        }
        CodeResult throttled = tokens.takeCode(Purpose.SIGN_IN, issued.challenge(), issued.code(), null);
        assertEquals(Optional.empty(), throttled.accepted());
        assertTrue(throttled.throttled().orElseThrow().compareTo(Duration.ZERO) > 0, String.valueOf(throttled));
        assertEquals(1L, rows(), "the right code was never checked");

        CodeChallenge next = tokens.issueCode(Purpose.SIGN_IN, "ann", ANN);
        assertTrue(tokens.takeCode(Purpose.SIGN_IN, next.challenge(), next.code(), null).accepted().isPresent(),
                "a new challenge has its own count");
    }

    @Test
    void tenWrongCodesToOneAddressOverFreshChallengesThrottleTheNext() {
        for (int challenge = 0; challenge < 5; challenge++) {
            CodeChallenge issued = tokens.issueCode(Purpose.SIGN_IN, "ann", ANN);
            for (int i = 0; i < 2; i++) {
                assertEquals(CodeResult.REFUSED, tokens.takeCode(Purpose.SIGN_IN, issued.challenge(), otherCode(issued.code()),
                        "198.51.100." + challenge));
            }
        }
        CodeChallenge last = tokens.issueCode(Purpose.SIGN_IN, "ann", ANN);
        CodeResult throttled = tokens.takeCode(Purpose.SIGN_IN, last.challenge(), last.code(), "203.0.113.9");
        assertEquals(Optional.empty(), throttled.accepted());
        assertTrue(throttled.throttled().orElseThrow().compareTo(Duration.ZERO) > 0, String.valueOf(throttled));
        CodeChallenge elsewhere = tokens.issueCode(Purpose.SIGN_IN, "bob", "bob@example.com");
        assertTrue(tokens.takeCode(Purpose.SIGN_IN, elsewhere.challenge(), elsewhere.code(), null).accepted().isPresent(),
                "another address is not held back");
        clock.advance(throttled.retryAfter());
        assertTrue(tokens.takeCode(Purpose.SIGN_IN, last.challenge(), last.code(), null).accepted().isPresent(), "after the wait");
    }

    @Test
    void aCodeIsNoLinkAndALinkIsNoCode() {
        String link = tokens.issueLink(Purpose.SIGN_IN, "ann", ANN);
        CodeChallenge code = tokens.issueCode(Purpose.SIGN_IN, "bob", "bob@example.com");
        assertEquals(Optional.empty(), tokens.peek(Purpose.SIGN_IN, code.challenge()));
        assertEquals(Optional.empty(), tokens.take(Purpose.SIGN_IN, code.challenge()));
        assertEquals(CodeResult.REFUSED, tokens.takeCode(Purpose.SIGN_IN, link, "123456", null));
        assertEquals(CodeResult.REFUSED, tokens.takeCode(Purpose.SIGN_IN, link, code.code(), null));
        assertEquals(2L, rows(), "neither was used up");
        assertTrue(tokens.take(Purpose.SIGN_IN, link).isPresent());
        assertTrue(tokens.takeCode(Purpose.SIGN_IN, code.challenge(), code.code(), null).accepted().isPresent());
    }

    @Test
    void aBlankChallengeIsNotStoredAndTakesNoCodeUntilItIs() {
        CodeChallenge blank = tokens.blankChallenge();
        assertTrue(TokenText.parse(blank.challenge()).isPresent());
        assertTrue(blank.code().matches("\\d{6}"));
        assertEquals(0L, rows());
        assertEquals(CodeResult.REFUSED, tokens.takeCode(Purpose.SIGN_IN, blank.challenge(), blank.code(), null));
        tokens.storeCode(blank, Purpose.SIGN_IN, "ann", ANN);
        assertEquals("ann", tokens.takeCode(Purpose.SIGN_IN, blank.challenge(), blank.code(), null).accepted().orElseThrow()
                .userId(), "stored later, it works");
    }

    @Test
    void twentyCodesTypedAtOnceForOneChallengeReachTheCheckAtMostFiveTimes() throws Exception {
        CodeChallenge issued = tokens.issueCode(Purpose.SIGN_IN, "ann", ANN);
        List<String> typed = new ArrayList<>(Collections.nCopies(19, otherCode(issued.code())));
        typed.add(issued.code());
        Collections.shuffle(typed);
        List<CodeResult> outcomes = atOnce(20, i -> tokens.takeCode(Purpose.SIGN_IN, issued.challenge(), typed.get(i), null));
        long checked = outcomes.stream().filter(r -> r.throttled().isEmpty()).count();
        long accepted = outcomes.stream().filter(r -> r.accepted().isPresent()).count();
        assertTrue(checked <= Tokens.CODES_PER_CHALLENGE, () -> checked + " checked: " + outcomes);
        assertTrue(accepted <= 1, outcomes::toString);
        assertEquals(accepted == 1 ? 0L : 1L, rows(), "the challenge is gone exactly when its code was accepted");
    }

    @Test
    void fiftyMessagesAskedForAtOnceToOneAddressSendThree() throws Exception {
        List<Optional<Duration>> outcomes = atOnce(50, i -> tokens.reserveSend(ANN, "203.0.113." + i));
        assertEquals(3, outcomes.stream().filter(Optional::isEmpty).count(), outcomes::toString);
        List<Optional<Duration>> fromOneClient = atOnce(50, i -> tokens.reserveSend("user" + i + "@example.test", "198.51.100.7"));
        assertEquals(Tokens.SENDS_PER_CLIENT.failures(), fromOneClient.stream().filter(Optional::isEmpty).count(),
                "one client asking for many addresses");
    }

    // ---- helpers ----

    private interface Attempt<T> {
        T run(int index) throws Exception;
    }

    private static <T> List<T> atOnce(int threads, Attempt<T> attempt) throws Exception {
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<T>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                int index = i;
                Callable<T> task = () -> {
                    start.await();
                    return attempt.run(index);
                };
                results.add(pool.submit(task));
            }
            List<T> outcomes = new ArrayList<>();
            for (Future<T> result : results) {
                outcomes.add(result.get());
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }

    private static String otherCode(String code) {
        return String.format("%06d", (Integer.parseInt(code) + 1) % 1_000_000);
    }

    private long rows() {
        try (Connection c = database().dataSource().getConnection();
             ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM latchkey_onetime_token")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A row as plain SQL reads it: column name in lower case → value as text. */
    private Map<String, String> storedRow(String tokenId) {
        try (Connection c = database().dataSource().getConnection();
             var statement = c.prepareStatement("SELECT * FROM latchkey_onetime_token WHERE token_id = ?")) {
            statement.setString(1, tokenId);
            try (ResultSet rs = statement.executeQuery()) {
                assertTrue(rs.next(), "a row for " + tokenId);
                Map<String, String> row = new HashMap<>();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    row.put(rs.getMetaData().getColumnLabel(i).toLowerCase(), rs.getString(i));
                }
                return row;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}

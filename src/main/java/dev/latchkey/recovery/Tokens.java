package dev.latchkey.recovery;

import dev.latchkey.throttle.AttemptStore;
import dev.latchkey.throttle.ThrottleLimit;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Issues and uses one-time tokens: the rules of {@link OneTimeTokens} over a {@link TokenStore} and the
 * attempt counters of sign-in throttling. Codes are counted before they are checked — per challenge (5, then
 * the challenge is dead for its life), per address it was sent to (10, then waits doubling from a minute to an
 * hour) and per client (30, then waits from a second to a minute) — so however many arrive at once, a 6-digit
 * code cannot be found within its life. Messages asked for are counted per address (3, then waits doubling
 * from a minute to an hour) and per client (30, then waits doubling from a minute to an hour).
 */
final class Tokens {

    static final ThrottleLimit CODES_PER_ADDRESS = new ThrottleLimit(10, Duration.ofMinutes(1), Duration.ofHours(1));
    static final ThrottleLimit CODES_PER_CLIENT = new ThrottleLimit(30, Duration.ofSeconds(1), Duration.ofMinutes(1));
    static final ThrottleLimit SENDS_PER_ADDRESS = new ThrottleLimit(3, Duration.ofMinutes(1), Duration.ofHours(1));
    static final ThrottleLimit SENDS_PER_CLIENT = new ThrottleLimit(30, Duration.ofMinutes(1), Duration.ofHours(1));
    static final int CODES_PER_CHALLENGE = 5;

    private final TokenStore store;
    private final AttemptStore attempts;
    private final Clock clock;
    private final Map<Purpose, Duration> lifetimes;
    private final int codeDigits;
    private final Duration forgetAfter;
    private final SecureRandom random = new SecureRandom();

    Tokens(TokenStore store, AttemptStore attempts, Clock clock, Map<Purpose, Duration> lifetimes, int codeDigits,
            Duration forgetAfter) {
        this.store = store;
        this.attempts = attempts;
        this.clock = clock;
        this.lifetimes = Map.copyOf(lifetimes);
        this.codeDigits = codeDigits;
        this.forgetAfter = forgetAfter;
    }

    Duration lifetime(Purpose purpose) {
        return lifetimes.get(purpose);
    }

    String issueLink(Purpose purpose, String userId, String address) {
        TokenText token = TokenText.generate(random);
        store.replace(row(token, null, purpose, userId, address));
        return token.value();
    }

    CodeChallenge issueCode(Purpose purpose, String userId, String address) {
        CodeChallenge challenge = blankChallenge();
        storeCode(challenge, purpose, userId, address);
        return challenge;
    }

    void storeCode(CodeChallenge challenge, Purpose purpose, String userId, String address) {
        TokenText text = TokenText.parse(challenge.challenge()).orElseThrow(() -> new IllegalArgumentException("not a challenge"));
        store.replace(row(text, text.codeHash(challenge.code()), purpose, userId, address));
    }

    /** A challenge and its code, not stored (yet, or ever: for an address that belongs to nobody). */
    CodeChallenge blankChallenge() {
        return new CodeChallenge(TokenText.generate(random).value(), newCode());
    }

    Optional<Redeemed> peek(Purpose purpose, String token) {
        return TokenText.parse(token).flatMap(text -> valid(purpose, text, null));
    }

    Optional<Redeemed> take(Purpose purpose, String token) {
        Optional<TokenText> text = TokenText.parse(token);
        Optional<Redeemed> valid = text.flatMap(t -> valid(purpose, t, null));
        return valid.isPresent() && store.take(text.get().id()) ? valid : Optional.empty();
    }

    CodeResult takeCode(Purpose purpose, String challenge, String code, String client) {
        Optional<TokenText> text = TokenText.parse(challenge);
        Optional<TokenStore.Row> row = text.flatMap(t -> store.find(t.id()));
        List<AttemptStore.Counter> counters = new ArrayList<>(3);
        text.ifPresent(t -> counters.add(new AttemptStore.Counter(key("oc:", t.id()), perChallenge(purpose))));
        row.ifPresent(r -> counters.add(new AttemptStore.Counter(key("oa:", r.address()), CODES_PER_ADDRESS)));
        if (client != null) {
            counters.add(new AttemptStore.Counter(key("ok:", client), CODES_PER_CLIENT));
        }
        Instant now = clock.instant();
        Optional<Instant> blocked = attempts.reserve(counters, now, now.minus(forgetAfter));
        if (blocked.isPresent()) {
            return new CodeResult(null, Duration.between(now, blocked.get()));
        }
        if (text.isEmpty() || row.isEmpty() || code == null || !code.matches("\\d{" + codeDigits + "}")) {
            return CodeResult.REFUSED;
        }
        Optional<Redeemed> valid = valid(purpose, text.get(), code);
        if (valid.isEmpty() || !store.take(text.get().id())) {
            return CodeResult.REFUSED;
        }
        // The challenge's own counter is kept: the row is gone, and clearing it would let attempts racing this one past it.
        attempts.clear(key("oa:", row.get().address()));
        return new CodeResult(valid.get(), null);
    }

    /**
     * Counts a message asked for, to an address from a client, before anything else is done, whether or not
     * the address belongs to anyone.
     *
     * @return empty when it may be sent, or how long to wait
     */
    Optional<Duration> reserveSend(String address, String client) {
        List<AttemptStore.Counter> counters = new ArrayList<>(2);
        counters.add(new AttemptStore.Counter(key("os:", address), SENDS_PER_ADDRESS));
        if (client != null) {
            counters.add(new AttemptStore.Counter(key("oq:", client), SENDS_PER_CLIENT));
        }
        Instant now = clock.instant();
        return attempts.reserve(counters, now, now.minus(forgetAfter)).map(until -> Duration.between(now, until));
    }

    int retire(String userId, Purpose purpose) {
        return store.retire(userId, purpose);
    }

    int deleteExpired() {
        return store.deleteExpired(clock.instant());
    }

    /** The stored token if it is well formed, of this purpose, unexpired, and its secret (and code) match. */
    private Optional<Redeemed> valid(Purpose purpose, TokenText text, String code) {
        Optional<TokenStore.Row> row = store.find(text.id());
        if (row.isEmpty()) {
            return Optional.empty();
        }
        TokenStore.Row r = row.get();
        boolean secret = TokenText.sameHash(r.secretHash(), text.secretHash());
        boolean typed = code == null ? r.codeHash() == null : TokenText.sameHash(r.codeHash(), text.codeHash(code));
        if (!secret || !typed || r.purpose() != purpose || !clock.instant().isBefore(r.expiresAt())) {
            return Optional.empty();
        }
        return Optional.of(new Redeemed(r.purpose(), r.userId(), r.address(), r.issuedAt()));
    }

    private ThrottleLimit perChallenge(Purpose purpose) {
        Duration life = lifetime(purpose);
        return new ThrottleLimit(CODES_PER_CHALLENGE, life, life);
    }

    private TokenStore.Row row(TokenText token, String codeHash, Purpose purpose, String userId, String address) {
        Instant now = clock.instant();
        return new TokenStore.Row(token.id(), token.secretHash(), codeHash, purpose, userId, address, now,
                now.plus(lifetime(purpose)));
    }

    private String newCode() {
        StringBuilder code = new StringBuilder(codeDigits);
        for (int i = 0; i < codeDigits; i++) {
            code.append((char) ('0' + random.nextInt(10)));
        }
        return code.toString();
    }

    private static String key(String kind, String value) {
        return kind + TokenText.sha256(value);
    }
}

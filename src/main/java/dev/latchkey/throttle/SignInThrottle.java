package dev.latchkey.throttle;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Decides whether a sign-in attempt may go ahead, before any password is checked, and counts the
 * outcome. Three counters per attempt — the account and the client address together, the address
 * alone, the account alone — each with its {@link ThrottleLimit}. An attempt is refused while any of
 * its counters is blocked; a refused attempt is not counted. A success clears the pair and the
 * account counters, never the address's (a guesser with one account of their own could otherwise
 * clear it between guesses).
 *
 * <p>Counters are keyed by a SHA-256 of the account name (in lower case) and the address, so the store
 * holds neither, and a name that belongs to no account is counted like any other: the answer never
 * tells whether an account exists.
 */
public final class SignInThrottle {

    private final AttemptStore store;
    private final Clock clock;
    private final ThrottleSettings settings;

    public SignInThrottle(AttemptStore store, Clock clock, ThrottleSettings settings) {
        this.store = store;
        this.clock = clock;
        this.settings = settings;
    }

    /** The settings. */
    public ThrottleSettings settings() {
        return settings;
    }

    /**
     * Whether an attempt may go ahead.
     *
     * @param account the account name tried, or {@code null} when the credential names none
     * @param address the client's address ({@code dev.latchkey.web.OriginCheck#clientAddress})
     * @return empty to go ahead, or how long to wait
     * @throws dev.latchkey.core.SessionStoreException when the counters cannot be read: refuse the attempt
     */
    public Optional<Duration> check(String account, String address) {
        List<String> keys = new ArrayList<>(3);
        for (Counter counter : counters(account, address)) {
            keys.add(counter.key());
        }
        if (keys.isEmpty()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        return store.blockedUntil(keys).filter(now::isBefore).map(until -> Duration.between(now, until));
    }

    /** Counts a failed attempt on each of its counters. */
    public void failed(String account, String address) {
        Instant now = clock.instant();
        Instant forgetBefore = now.minus(settings.forgetAfter());
        for (Counter counter : counters(account, address)) {
            store.fail(counter.key(), now, forgetBefore, counter.limit()::delayAfter);
        }
    }

    /** Clears the pair and account counters of a successful attempt. */
    public void succeeded(String account, String address) {
        for (Counter counter : counters(account, address)) {
            if (!counter.key().startsWith("a:")) {
                store.clear(counter.key());
            }
        }
    }

    /** Deletes counters forgotten for longer than {@code forget-after}, at most {@code limit} of them. */
    public int deleteForgotten(int limit) {
        return store.deleteForgotten(clock.instant().minus(settings.forgetAfter()), limit);
    }

    private record Counter(String key, ThrottleLimit limit) {
    }

    private List<Counter> counters(String account, String address) {
        List<Counter> counters = new ArrayList<>(3);
        String name = account == null ? null : account.strip().toLowerCase(Locale.ROOT);
        if (name != null && address != null && settings.pair().isOn()) {
            counters.add(new Counter(key("p:", name, address), settings.pair()));
        }
        if (address != null && settings.address().isOn()) {
            counters.add(new Counter(key("a:", address), settings.address()));
        }
        if (name != null && settings.account().isOn()) {
            counters.add(new Counter(key("u:", name), settings.account()));
        }
        return counters;
    }

    /** {@code kind} and 43 characters of base64url SHA-256 of the parts. */
    static String key(String kind, String... parts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String part : parts) {
                sha.update(part.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            return kind + Base64.getUrlEncoder().withoutPadding().encodeToString(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}

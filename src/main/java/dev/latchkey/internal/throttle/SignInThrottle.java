package dev.latchkey.internal.throttle;

import dev.latchkey.throttle.AttemptStore;
import dev.latchkey.throttle.ThrottleSettings;
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
 * Decides whether a sign-in attempt may go ahead, before any password is checked. Three counters per
 * attempt — the account and the client address together, the address alone, the account alone — each
 * with its {@link ThrottleLimit}. An attempt is counted on all three before its credential is checked
 * ({@link #reserve}), in one step that refuses it instead while any of them is blocked, so that however
 * many attempts arrive at once, at most a limit's number of them reach the password check; a refused
 * attempt is not counted. A success clears the pair and the account counters and gives back the one
 * attempt it counted on the address's, whose failures it never clears (a guesser with one account of
 * their own could otherwise clear it between guesses).
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

    /**
     * Counts an attempt, unless one of its counters is blocked: call it before the credential is checked.
     *
     * @param account the account name tried, or {@code null} when the credential names none (or a name
     *                no account can have: only the address is counted then)
     * @param address the client's address ({@code dev.latchkey.internal.web.OriginCheck#clientAddress})
     * @return empty when the attempt was counted and may go ahead, or how long to wait (nothing counted)
     * @throws dev.latchkey.core.SessionStoreException when the counters cannot be read or written: refuse the attempt
     */
    public Optional<Duration> reserve(String account, String address) {
        List<AttemptStore.Counter> counters = counters(account, address);
        if (counters.isEmpty()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        return store.reserve(counters, now, now.minus(settings.forgetAfter())).map(until -> Duration.between(now, until));
    }

    /** A successful attempt, counted by {@link #reserve}: clears the pair and account counters, gives the address's back. */
    public void succeeded(String account, String address) {
        for (AttemptStore.Counter counter : counters(account, address)) {
            if (counter.key().startsWith(ADDRESS)) {
                store.release(counter);
            } else {
                store.clear(counter.key());
            }
        }
    }

    /** Where the counters are kept. */
    public AttemptStore store() {
        return store;
    }

    /** Deletes counters forgotten for longer than {@code forget-after}, at most {@code limit} of them. */
    public int deleteForgotten(int limit) {
        return store.deleteForgotten(clock.instant().minus(settings.forgetAfter()), limit);
    }

    private static final String ADDRESS = "a:";

    private List<AttemptStore.Counter> counters(String account, String address) {
        List<AttemptStore.Counter> counters = new ArrayList<>(3);
        String name = account == null ? null : account.strip().toLowerCase(Locale.ROOT);
        if (name != null && address != null && settings.pair().isOn()) {
            counters.add(new AttemptStore.Counter(key("p:", name, address), settings.pair()));
        }
        if (address != null && settings.address().isOn()) {
            counters.add(new AttemptStore.Counter(key(ADDRESS, address), settings.address()));
        }
        if (name != null && settings.account().isOn()) {
            counters.add(new AttemptStore.Counter(key("u:", name), settings.account()));
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

package dev.latchkey.core;

import dev.latchkey.internal.log.RateLimitedLog;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Sessions: create, validate, renew, invalidate, list and clean up. The one class an application
 * needs; plain Java, so it works the same in a container, a test or a batch job.
 *
 * <pre>{@code
 * Latchkey latchkey = new Latchkey(store, Clock.systemUTC(), LatchkeyConfig.defaults());
 *
 * // sign-in, after the password was checked
 * IssuedSession issued = latchkey.createSession(NewSession.forUser(user.id()).rememberMe(true));
 * response.addHeader("Set-Cookie", latchkey.createSessionCookie(issued).toSetCookieHeader());
 *
 * // every request
 * SessionValidation result = latchkey.validateSession(tokenFromCookie);
 * if (result.isFresh()) {
 *     response.addHeader("Set-Cookie", latchkey.createSessionCookie(tokenFromCookie, result.session().get()).toSetCookieHeader());
 * }
 *
 * // sign-out
 * latchkey.invalidateSession(result.session().get().id());
 * response.addHeader("Set-Cookie", latchkey.createBlankSessionCookie().toSetCookieHeader());
 * }</pre>
 *
 * <p><b>Expiry.</b> A session expires when its idle window (chosen at creation: "remember me" or
 * browser session) passes without use, or when its absolute lifetime ends, whichever is first.
 * Validation renews a session only once less than half of its idle window remains, so an active
 * session costs at most one database write per half window. Renewal never reaches past the absolute
 * lifetime. Expired sessions are deleted when read and by {@link #deleteExpiredSessions()}.
 *
 * <p><b>Tokens.</b> A token is {@code <id>.<secret>}; the store keeps only SHA-256 of the secret, so
 * a copy of the database yields no usable token. Malformed tokens are rejected without asking the
 * store. Nothing here ever logs or throws with a token in the message.
 *
 * <p>Thread-safe.
 */
public final class Latchkey {

    private final SessionStore store;
    private final Clock clock;
    private final LatchkeyConfig config;
    private final SecureRandom random = new SecureRandom();
    private final SessionValidator validator;

    /**
     * @param store  where sessions live
     * @param clock  the source of time; tests pass a fixed or movable clock
     * @param config the settings
     */
    public Latchkey(SessionStore store, Clock clock, LatchkeyConfig config) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.config = Objects.requireNonNull(config, "config");
        this.validator = new SessionValidator(store, config,
                new RateLimitedLog(System.getLogger(Latchkey.class.getName()), clock, RateLimitedLog.DEFAULT_INTERVAL));
    }

    /** With the system clock and {@link LatchkeyConfig#defaults()}. */
    public Latchkey(SessionStore store) {
        this(store, Clock.systemUTC(), LatchkeyConfig.defaults());
    }

    /**
     * Whether a value has the form of a Latchkey token — {@code <id>.<secret>} in its alphabet and
     * lengths — without asking the store: for a reader of cookies that skips what cannot be a token.
     */
    public static boolean isWellFormedToken(String value) {
        return SessionToken.isWellFormed(value);
    }

    /** The settings in force. */
    public LatchkeyConfig config() {
        return config;
    }

    /**
     * Creates and stores a new session. The returned token exists only in the result.
     *
     * @throws SessionStoreException if the store fails
     */
    public IssuedSession createSession(NewSession spec) {
        Instant now = now();
        Duration idle = config.idleTimeoutFor(spec.isRememberMe());
        Instant expiresAt = idle.compareTo(config.absoluteLifetime()) < 0 ? now.plus(idle) : now.plus(config.absoluteLifetime());
        SessionToken token = SessionToken.generate(random);
        Session session = new Session(token.id(), spec.userId(), now, expiresAt, now, spec.authenticatedAtOr(now),
                idle, spec.isRememberMe(), spec.clientIp(), spec.userAgent(), spec.groups(), spec.attributes());
        store.insert(new StoredSession(session, token.secretHash()));
        return new IssuedSession(session, token.value());
    }

    /**
     * Checks a token as the client sent it and renews the session when it is due.
     *
     * <p>Never throws for any input: a missing, malformed, unknown, expired or forged token gives a
     * rejected result with its {@link Reason}, and so does a failing store
     * ({@link Reason#STORE_UNAVAILABLE}). One store read; a write only when renewing, or when
     * deleting a session found expired.
     */
    public SessionValidation validateSession(String token) {
        return validator.validate(token, now());
    }

    /** When the session ends at the latest, however active it stays. */
    public Instant absoluteExpiry(Session session) {
        return SessionValidator.absoluteExpiry(session, config);
    }

    /**
     * Deletes one session (sign-out, "revoke") and says whether there was one; a malformed or unknown
     * id is not an error. {@link SessionStoreException} if the store fails.
     */
    public boolean invalidateSession(String sessionId) {
        return SessionToken.isWellFormedId(sessionId) && store.delete(sessionId);
    }

    /**
     * Deletes one of a user's sessions, if it is that user's: for a "revoke" button, where the id
     * comes from a form and must not reach another user's session.
     *
     * @return whether a session was deleted
     * @throws SessionStoreException if the store fails
     */
    public boolean invalidateUserSession(String userId, String sessionId) {
        if (!NewSession.isValidUserId(userId) || !SessionToken.isWellFormedId(sessionId)) {
            return false;
        }
        Optional<StoredSession> found = store.find(sessionId);
        return found.isPresent() && found.get().session().userId().equals(userId) && store.delete(sessionId);
    }

    /**
     * Deletes every session of a user ("sign out everywhere", an administrator's revoke). An id no
     * session can have ({@link NewSession#isValidUserId}) deletes nothing and never reaches the store.
     *
     * @return how many sessions were deleted
     * @throws SessionStoreException if the store fails
     */
    public int invalidateUserSessions(String userId) {
        return NewSession.isValidUserId(userId) ? store.deleteUserSessions(userId) : 0;
    }

    /**
     * Deletes every session of a user but the current one ("sign out everywhere else"), and says how
     * many; {@link SessionStoreException} if the store fails.
     */
    public int invalidateOtherSessions(String userId, String currentSessionId) {
        Objects.requireNonNull(currentSessionId, "currentSessionId");
        return NewSession.isValidUserId(userId) ? store.deleteUserSessionsExcept(userId, currentSessionId) : 0;
    }

    /**
     * Records a re-authentication: {@code authenticatedAt} becomes now; token, cookie and expiry stay.
     * Empty when the session no longer exists; {@link SessionStoreException} if the store fails.
     */
    public Optional<Session> markAuthenticated(Session session) {
        Instant now = now();
        return store.markAuthenticated(session.id(), now) ? Optional.of(session.withAuthenticatedAt(now)) : Optional.empty();
    }

    /** Whether the user presented a credential in this session within {@code maxAge} of now. */
    public boolean isRecentSignIn(Session session, Duration maxAge) {
        return !session.authenticatedAt().isBefore(now().minus(maxAge));
    }

    /**
     * Gives every session of a user new groups, at once: call it when a user's roles change, so that
     * a demoted administrator loses the role on the sessions already signed in, not only on the next.
     *
     * @return how many sessions were changed
     * @throws IllegalArgumentException when a group name breaks {@link NewSession#checkGroups}
     * @throws SessionStoreException if the store fails
     */
    public int updateUserGroups(String userId, Collection<String> groups) {
        Set<String> checked = NewSession.checkGroups(groups);
        return NewSession.isValidUserId(userId) ? store.updateUserGroups(userId, checked) : 0;
    }

    /** A user's live sessions, newest first, safe to show (no secret); {@link SessionStoreException} if the store fails. */
    public List<Session> listUserSessions(String userId) {
        if (!NewSession.isValidUserId(userId)) {
            return List.of();
        }
        Instant now = now();
        return store.listUserSessions(userId, now).stream()
                .filter(s -> now.isBefore(absoluteExpiry(s)))
                .toList();
    }

    /**
     * Deletes every session of every user, in batches of {@link LatchkeyConfig#cleanupBatchSize()}
     * rows: for an administrator's "sign everybody out" (a suspected breach, a key rotation).
     *
     * @return how many sessions were deleted
     * @throws SessionStoreException if the store fails
     */
    public int invalidateAllSessions() {
        return BatchDelete.all(store, config.cleanupBatchSize());
    }

    /**
     * Deletes expired sessions in batches of {@link LatchkeyConfig#cleanupBatchSize()} rows until a
     * batch comes back short, and says how many; run it on a schedule. {@link SessionStoreException} if the store fails.
     */
    public int deleteExpiredSessions() {
        return BatchDelete.expired(store, config.cleanupBatchSize(), now());
    }

    /**
     * The token in an {@code Authorization: Bearer <token>} header (RFC 6750), or empty when the
     * header is absent, of another scheme or malformed. Tokens are never read from URLs or forms.
     */
    public Optional<String> readBearerToken(String authorizationHeader) {
        return RequestTokens.bearerToken(authorizationHeader);
    }

    /** The cookie that carries a newly issued session. */
    public SessionCookie createSessionCookie(IssuedSession issued) {
        return createSessionCookie(issued.token(), issued.session());
    }

    /**
     * The cookie that carries {@code token} for {@code session}: persistent until the session's idle
     * deadline for "remember me" sessions, a browser-session cookie otherwise. Send it again whenever
     * validation reports {@link SessionValidation#isFresh()}.
     */
    public SessionCookie createSessionCookie(String token, Session session) {
        return createSessionCookie(token, session, config.cookie());
    }

    /** The same with other cookie settings, such as {@link CookieSettings#forPlainHttpLoopback()}. */
    public SessionCookie createSessionCookie(String token, Session session, CookieSettings settings) {
        return settings.sessionCookie(token, session, now());
    }

    /** The cookie that removes the session cookie from the browser. */
    public SessionCookie createBlankSessionCookie() {
        return config.cookie().blankCookie();
    }

    private Instant now() {
        // Stores keep milliseconds; working in milliseconds keeps what is returned equal to what is read back.
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}

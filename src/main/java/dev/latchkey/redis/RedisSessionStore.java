package dev.latchkey.redis;

import dev.latchkey.core.NewSession;
import dev.latchkey.core.Session;
import dev.latchkey.core.SessionStore;
import dev.latchkey.core.SessionStoreException;
import dev.latchkey.core.StoredSession;
import dev.latchkey.throttle.AttemptStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Sessions in Redis, for applications that keep no database or want sessions out of it. Set
 * {@code latchkey.store=redis} and {@code latchkey.redis.uri}, or produce one in code:
 * <pre>{@code
 * @Produces @ApplicationScoped
 * SessionStore sessions() {
 *     // such as rediss://latchkey:s3cret@redis.internal:6380/0 (percent-encode @ : / % in the password)
 *     return RedisSessionStore.builder(System.getenv("SESSIONS_REDIS_URI"))
 *             .prefix("shop:")
 *             .build();
 * }
 *
 * void close(@Disposes SessionStore store) {
 *     ((RedisSessionStore) store).close();
 * }
 * }</pre>
 *
 * <p>The application's WAR must carry the Redis client, Jedis ({@code redis.clients:jedis:6.2.0}):
 * Latchkey declares it optional. With the settings, the sign-in failure counters are kept in Redis too;
 * a store produced in code leaves them in memory unless the application also produces
 * {@link #attemptStore()} as its {@code AttemptStore}.
 *
 * <p><b>Keys</b> (prefix {@value #DEFAULT_PREFIX} unless told otherwise):
 * <ul>
 * <li>{@code <prefix>s:<id>} — a hash per session: {@code userId}, {@code secretHash} (SHA-256 of the
 *     token's secret in hex; the token itself is never stored), {@code createdAt}, {@code expiresAt},
 *     {@code renewedAt}, {@code authenticatedAt} (epoch milliseconds), {@code idleTimeoutMs},
 *     {@code persistent}, and when present {@code clientIp}, {@code userAgent}, {@code groups} (joined by
 *     a line feed) and {@code attributes} (URL-encoded {@code key=value} pairs): the columns of the JPA
 *     store's table, encoded the same way.</li>
 * <li>{@code <prefix>u:<userId>} — a set per user of the ids of the user's sessions, so that "sign out
 *     everywhere", new groups and the list of a user's sessions never scan. Ids whose session has
 *     expired are removed when the set is read.</li>
 * <li>{@code <prefix>expiry} — a sorted set of session ids by idle deadline, so that
 *     {@link #deleteExpired} (the scheduled cleanup, and {@code Latchkey.invalidateAllSessions()})
 *     finds what to delete without scanning.</li>
 * <li>{@code <prefix>a:<key>} — the sign-in failure counters of {@link #attemptStore()}.</li>
 * </ul>
 *
 * <p><b>Expiry.</b> A session's key carries a TTL: it expires by itself at the session's idle deadline
 * plus a grace ({@value #DEFAULT_GRACE_SECONDS} seconds by default). The grace is there because
 * {@code Latchkey} decides expiry, not the store: a request that read the session just before its
 * deadline may renew it just after, and a session just expired is still found, deleted and reported
 * as expired ({@code LK-104}) rather than unknown. Each renewal moves the TTL with the deadline. The
 * TTL is set relative ({@code PEXPIRE}), computed from this store's clock, so a Redis server whose clock
 * differs from the JVM's changes nothing. A user's set lives as long as the user's longest session.
 * The cleanup's {@link #deleteExpired} still deletes sessions whose deadline has passed (those in their
 * grace) and drops index entries of keys that have expired.
 *
 * <p><b>Atomicity.</b> Every write that depends on what is stored — insert (a duplicate id fails),
 * renewal (only from the expected deadline: of concurrent renewals exactly one wins), the conditional
 * delete, deleting a user's sessions, new groups, re-authentication, the cleanup — is one Lua script,
 * run by Redis with nothing in between, keeping the session, its user's set and the expiry index
 * consistent. Scripts are sent by digest ({@code EVALSHA}) and whole when Redis does not know them.
 *
 * <p><b>Failures.</b> Any failure of Redis or of the connection is a {@link SessionStoreException}
 * naming the operation, never a token, a secret or a key: the facade answers {@code LK-106} (protected
 * resources 503). Connections time out after {@value #DEFAULT_TIMEOUT_SECONDS} seconds by default, so an
 * outage fails fast; once Redis is back the pool connects again by itself (a read that meets a
 * connection broken by the restart is tried once more on a new one; a write is never repeated). A
 * Redis without persistence that restarts has lost every session: users sign in again.
 *
 * <p>Standalone Redis (or a primary behind a fixed address) only, not Redis Cluster: a script touches
 * a session, its user's set and the expiry index together. Thread-safe.
 */
public final class RedisSessionStore implements SessionStore, AutoCloseable {

    /** The prefix of every key unless {@link Builder#prefix(String)} says otherwise. */
    public static final String DEFAULT_PREFIX = "latchkey:";
    /** The default grace between a session's idle deadline and the expiry of its key, in seconds. */
    public static final int DEFAULT_GRACE_SECONDS = 60;
    /** The default connect and read timeout, in seconds. */
    public static final int DEFAULT_TIMEOUT_SECONDS = 2;
    /** The default size of the connection pool. */
    public static final int DEFAULT_MAX_CONNECTIONS = 32;

    /** A TTL of a thousand years: far-future deadlines stay within what Redis accepts. */
    private static final long MAX_TTL_MILLIS = Duration.ofDays(365_000).toMillis();
    private static final Pattern PREFIX = Pattern.compile("[\\x21-\\x7e]{1,64}");
    private static final String MISSING_CLIENT = "the Redis store needs the Redis client Jedis in the application:"
            + " add the Maven dependency redis.clients:jedis:6.2.0 to the WAR beside Latchkey (Latchkey declares it optional)";

    private final RedisClient redis;
    private final RedisAddress address;
    private final KeyLayout keys;
    private final Clock clock;
    private final long graceMillis;
    private final RedisAttemptStore attempts;

    private RedisSessionStore(RedisClient redis, Builder settings) {
        this.redis = redis;
        this.address = settings.address;
        this.keys = new KeyLayout(settings.prefix);
        this.clock = settings.clock;
        this.graceMillis = settings.grace.toMillis();
        this.attempts = new RedisAttemptStore(redis, keys);
    }

    /**
     * A builder for a store on the Redis at {@code uri}: {@code redis://host:port}, or
     * {@code rediss://user:password@host:port/database} for TLS, a user and a password.
     *
     * @throws IllegalArgumentException if the URI cannot be used; the message does not repeat it
     */
    public static Builder builder(String uri) {
        return new Builder(RedisAddress.parse(uri));
    }

    /** Whether the Redis client, Jedis, can be loaded beside Latchkey. Loads none of its classes for good. */
    public static boolean clientAvailable() {
        try {
            Class.forName(RedisClient.JEDIS_CLASS, false, RedisSessionStore.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /**
     * The sign-in failure counters, on the same Redis and under the same prefix: shared by every node,
     * each counter a hash that expires by itself once forgotten.
     */
    public AttemptStore attemptStore() {
        return attempts;
    }

    /**
     * Where the store is, and whether Redis answers now with a policy that never evicts keys, for a
     * start-up line: the host and port, never the URI's credentials.
     *
     * @throws IllegalStateException ({@code LK-408}) when the Redis reached may evict keys
     */
    public String describe() {
        String reached;
        try {
            reached = redis.ping("start-up check") + " reached, " + EvictionCheck.policy(redis, address);
        } catch (SessionStoreException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            reached = "not reached at start (" + cause.getClass().getSimpleName() + "): requests that need a"
                    + " session answer 503 until it is";
        }
        return "Redis store at " + address.describe() + " (keys " + keys.prefix() + "*, a session's key expires "
                + Duration.ofMillis(graceMillis) + " after its idle deadline; " + reached + ")";
    }

    @Override
    public void insert(StoredSession stored) {
        Session s = stored.session();
        if (!NewSession.isValidUserId(s.userId())) {
            throw new SessionStoreException("Redis store: insert failed (the user id cannot be stored unchanged)");
        }
        List<String> args = new ArrayList<>(List.of(keys.prefix(), s.id(), SessionHash.millis(s.expiresAt()),
                ttl(s.expiresAt()), Long.toString(clock.millis() - graceMillis)));
        args.addAll(SessionHash.fields(stored));
        Object inserted = redis.run("insert", SessionScripts.INSERT,
                List.of(keys.session(s.id()), keys.user(s.userId()), keys.expiry()), args);
        if (!isOne(inserted)) {
            throw new SessionStoreException("Redis store: insert failed (a session with this id already exists)");
        }
    }

    @Override
    public Optional<StoredSession> find(String id) {
        Map<String, String> hash = redis.hash("find", keys.session(id));
        return hash.isEmpty() ? Optional.empty() : Optional.of(SessionHash.read(id, hash));
    }

    @Override
    public boolean renew(String id, Instant expectedExpiresAt, Instant newExpiresAt, Instant renewedAt) {
        return isOne(redis.run("renew", SessionScripts.RENEW, List.of(keys.session(id)), List.of(keys.prefix(), id,
                SessionHash.millis(expectedExpiresAt), SessionHash.millis(newExpiresAt), SessionHash.millis(renewedAt),
                ttl(newExpiresAt))));
    }

    @Override
    public boolean delete(String id) {
        return isOne(redis.run("delete", SessionScripts.DELETE, List.of(keys.session(id)), List.of(keys.prefix(), id, "")));
    }

    @Override
    public boolean deleteIfExpiresAt(String id, Instant expiresAt) {
        return isOne(redis.run("deleteIfExpiresAt", SessionScripts.DELETE, List.of(keys.session(id)),
                List.of(keys.prefix(), id, SessionHash.millis(expiresAt))));
    }

    @Override
    public int deleteUserSessions(String userId) {
        return deleteUser("deleteUserSessions", userId, "");
    }

    @Override
    public int deleteUserSessionsExcept(String userId, String keepId) {
        return deleteUser("deleteUserSessionsExcept", userId, Objects.requireNonNull(keepId, "keepId"));
    }

    private int deleteUser(String operation, String userId, String keepId) {
        if (!NewSession.isValidUserId(userId)) {
            return 0;
        }
        return count(redis.run(operation, SessionScripts.DELETE_USER, List.of(keys.user(userId)), List.of(keys.prefix(), keepId)));
    }

    @Override
    public int updateUserGroups(String userId, Set<String> groups) {
        if (!NewSession.isValidUserId(userId)) {
            return 0;
        }
        return count(redis.run("updateUserGroups", SessionScripts.UPDATE_GROUPS, List.of(keys.user(userId)),
                List.of(keys.prefix(), SessionHash.groups(groups))));
    }

    @Override
    public boolean markAuthenticated(String id, Instant at) {
        return isOne(redis.run("markAuthenticated", SessionScripts.MARK_AUTHENTICATED, List.of(keys.session(id)),
                List.of(keys.prefix(), SessionHash.millis(at))));
    }

    @Override
    public List<Session> listUserSessions(String userId, Instant now) {
        if (!NewSession.isValidUserId(userId)) {
            return List.of();
        }
        Object found = redis.runRead("listUserSessions", SessionScripts.LIST_USER, List.of(keys.user(userId)),
                List.of(keys.prefix()));
        return SessionHash.readAll((List<?>) found).stream()
                .map(StoredSession::session)
                .filter(s -> s.expiresAt().isAfter(now))
                .sorted(Comparator.comparing(Session::createdAt).reversed().thenComparing(Session::id))
                .toList();
    }

    /**
     * Deletes at most {@code limit} sessions whose idle deadline is at or before {@code now}, found
     * through the expiry index. Sessions expire by themselves shortly after their deadline (their
     * key's TTL), so the scheduled cleanup finds little; it matters for sessions in their grace and
     * for {@code Latchkey.invalidateAllSessions()}, which passes a deadline after every session's.
     */
    @Override
    public int deleteExpired(Instant now, int limit) {
        if (limit < 1) {
            return 0;
        }
        return count(redis.run("deleteExpired", SessionScripts.DELETE_EXPIRED, List.of(keys.expiry()),
                List.of(keys.prefix(), SessionHash.millis(now), Integer.toString(limit),
                        Long.toString(clock.millis() - graceMillis))));
    }

    /** Closes the connection pool. */
    @Override
    public void close() {
        redis.close();
    }

    /** How long a key lives from now: until the deadline, plus the grace; at least a millisecond. */
    private String ttl(Instant expiresAt) {
        long left = Math.max(0, expiresAt.toEpochMilli() - clock.millis());
        return Long.toString(Math.max(1, Math.min(MAX_TTL_MILLIS, left + graceMillis)));
    }

    private static boolean isOne(Object reply) {
        return reply instanceof Long n && n == 1L;
    }

    private static int count(Object reply) {
        return reply instanceof Long n ? Math.toIntExact(n) : 0;
    }

    /** The settings of a {@link RedisSessionStore}; {@link #build()} makes the store. */
    public static final class Builder {

        private final RedisAddress address;
        private String prefix = DEFAULT_PREFIX;
        private Clock clock = Clock.systemUTC();
        private Duration grace = Duration.ofSeconds(DEFAULT_GRACE_SECONDS);
        private Duration timeout = Duration.ofSeconds(DEFAULT_TIMEOUT_SECONDS);
        private int maxConnections = DEFAULT_MAX_CONNECTIONS;

        private Builder(RedisAddress address) {
            this.address = address;
        }

        /**
         * Put before every key ({@value RedisSessionStore#DEFAULT_PREFIX} by default), so that applications can
         * share a Redis database: 1–64 visible ASCII characters, no spaces.
         */
        public Builder prefix(String prefix) {
            if (prefix == null || !PREFIX.matcher(prefix).matches()) {
                throw new IllegalArgumentException("the Redis key prefix must be 1-64 visible ASCII characters without"
                        + " spaces, such as latchkey: or shop:sessions:, but was: " + prefix);
            }
            this.prefix = prefix;
            return this;
        }

        /**
         * The clock the TTLs are computed from: the one {@code Latchkey} uses (the system clock by default).
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * How long a session's key outlives its idle deadline ({@value RedisSessionStore#DEFAULT_GRACE_SECONDS} s by default):
         * long enough for a request that read the session before its deadline to renew it, and for the
         * clocks of the nodes to differ. Zero or more.
         */
        public Builder expiryGrace(Duration grace) {
            if (grace == null || grace.isNegative()) {
                throw new IllegalArgumentException("the expiry grace must be zero or more but was " + grace);
            }
            this.grace = grace;
            return this;
        }

        /** The connect and read timeout ({@value RedisSessionStore#DEFAULT_TIMEOUT_SECONDS} s by default), and the longest wait for a pooled connection. */
        public Builder timeout(Duration timeout) {
            if (timeout == null || timeout.toMillis() < 1 || timeout.toMillis() > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("the Redis timeout must be at least 1 ms but was " + timeout);
            }
            this.timeout = timeout;
            return this;
        }

        /** The most connections open at once ({@value RedisSessionStore#DEFAULT_MAX_CONNECTIONS} by default). */
        public Builder maxConnections(int maxConnections) {
            if (maxConnections < 1) {
                throw new IllegalArgumentException("the Redis pool needs at least 1 connection but was " + maxConnections);
            }
            this.maxConnections = maxConnections;
            return this;
        }

        /**
         * The store, with its connection pool. Nothing is connected yet: a Redis that is down now fails
         * the first operation, not this.
         *
         * @throws IllegalStateException when Jedis is missing from the application, naming the dependency to add
         * @throws IllegalArgumentException when Jedis cannot use the URI
         */
        public RedisSessionStore build() {
            if (!clientAvailable()) {
                throw new IllegalStateException(MISSING_CLIENT);
            }
            try {
                return new RedisSessionStore(RedisClient.open(address, timeout, maxConnections), this);
            } catch (NoClassDefFoundError e) {
                // Jedis without what it needs (commons-pool2)
                throw new IllegalStateException(MISSING_CLIENT + " (" + e.getMessage() + " is missing)", e);
            } catch (RuntimeException e) {
                // the client refused the URI (a query it does not know, say); its message may repeat the URI
                throw new IllegalArgumentException("the Redis client cannot use the URI (" + e.getClass().getSimpleName()
                        + "); the value is not repeated here, as it may hold a password", e);
            }
        }
    }
}

package dev.latchkey.core;

/**
 * The messages of Latchkey's core — sessions, the request side, the stores, the deployment — with
 * their stable ids and what to do about them ({@link MessageId}). A log line starts with the id
 * ({@code LK-001 ...}); a deployment error with {@code Latchkey LK-4xx:}. docs/troubleshooting.md has a
 * row for each id of every area, checked by a test.
 *
 * <p>Ids by range: {@code LK-0xx} start-up and housekeeping, {@code LK-1xx} why a request carries no
 * session ({@link Reason}), {@code LK-2xx} why a request was refused ({@link Reason}), {@code LK-3xx}
 * the session cookie over plain HTTP, {@code LK-4xx} why the application did not start. Other areas
 * declare their own range: {@code LK-5xx} sign-in with providers ({@code dev.latchkey.oauth.OAuthMessage}).
 */
public enum Message implements MessageId {

    /** The start-up summary: store, schema check, clock skew, cookie, timeouts, development cookie, roles. */
    READY("LK-001", "Latchkey is ready; the line says with what settings", "Nothing to do; check that the settings listed are the intended ones."),
    /** The scheduled cleanup deleted expired sessions (debug). */
    CLEANUP_DONE("LK-002", "expired sessions were deleted", "Nothing to do."),
    /** The scheduled cleanup failed; it runs again at the next interval. */
    CLEANUP_FAILED("LK-003", "the cleanup of expired sessions failed", "Check the database; the cleanup runs again at the next interval."),
    /** No managed scheduled executor: expired sessions are deleted only when read. */
    NO_SCHEDULER("LK-004", "the server offers no managed scheduled executor, so no cleanup is scheduled",
            "Enable the server's concurrency feature (Open Liberty: concurrent-3.0), or call Latchkey.deleteExpiredSessions() on a schedule of your own."),
    /** The built-in account store is open. */
    ACCOUNTS_READY("LK-005", "the built-in account store is ready", "Nothing to do."),
    /** The change feed between the nodes' validation caches (PostgreSQL LISTEN/NOTIFY) is down, or back. */
    CHANGE_FEED_DOWN("LK-007", "the change feed between nodes' validation caches is down, so revocations on other nodes reach this one only after latchkey.cache.max-age",
            "Check the database; the feed connects again by itself and then empties this node's cache."),

    /** See {@link Reason#NO_TOKEN}. */
    NO_TOKEN("LK-101", "no session cookie or bearer token was sent", "Sign in; the client must send the cookie or Authorization: Bearer."),
    /** See {@link Reason#MALFORMED_TOKEN}. */
    MALFORMED_TOKEN("LK-102", "the token is not a well-formed Latchkey token; it was rejected before the store was asked",
            "Nothing to do: odd or tampered cookies are ignored. A client that sends one keeps getting 401 until it signs in."),
    /** See {@link Reason#UNKNOWN_SESSION}. */
    UNKNOWN_SESSION("LK-103", "no session with this id exists: it was signed out, revoked or deleted", "Sign in again."),
    /** See {@link Reason#SESSION_EXPIRED}. */
    SESSION_EXPIRED("LK-104", "the session has expired (idle timeout or absolute lifetime) and was deleted",
            "Sign in again; the timeouts are latchkey.session.*. If every session expires at once, check the LK-001 line (clock skew)."),
    /** See {@link Reason#SECRET_MISMATCH}. */
    SECRET_MISMATCH("LK-105", "the token's secret does not match the stored hash", "Sign in again; repeated, it is someone guessing."),
    /** See {@link Reason#STORE_UNAVAILABLE}. */
    STORE_UNAVAILABLE("LK-106", "the session store failed or could not be reached",
            "Check the database (or Redis, with latchkey.store=redis). Meanwhile protected resources, sign-ins and the application's"
            + " calls into Latchkey answer 503 with Retry-After, public pages keep working, and service resumes by itself."),
    /** See {@link Reason#COOKIE_NOT_WRITTEN}. */
    COOKIE_NOT_WRITTEN("LK-107", "the response was already committed, so the session cookie could not be sent",
            "Sign in or out before writing the response body."),
    /** See {@link Reason#INVALID_CREDENTIALS}. */
    INVALID_CREDENTIALS("LK-108", "no identity store accepted the credential", "Nothing to do: a wrong name or password."),
    /** See {@link Reason#NO_TOKEN_CROSS_SITE}. */
    NO_TOKEN_CROSS_SITE("LK-109", "a cross-site request carried no session cookie",
            "The front end must send credentials ('include'); a cross-site cookie needs latchkey.cookie.same-site=None, or use bearer tokens."),
    /** See {@link Reason#CSRF_CROSS_SITE}. */
    CSRF_CROSS_SITE("LK-201", "an unsafe request came from another site (Sec-Fetch-Site)",
            "If the other origin is yours, add it to latchkey.csrf.trusted-origins."),
    /** See {@link Reason#CSRF_ORIGIN_MISMATCH}. */
    CSRF_ORIGIN_MISMATCH("LK-202", "the Origin header matches neither this server's origin nor a trusted origin",
            "Behind a proxy, list it in latchkey.proxy.trusted; a front end of yours belongs in latchkey.csrf.trusted-origins."),
    /** See {@link Reason#CSRF_NO_ORIGIN}. */
    CSRF_NO_ORIGIN("LK-203", "an unsafe request with the session cookie, or a sign-in, carried neither Sec-Fetch-Site nor Origin",
            "Programs sign in with UserSessions.signInForBearerToken and send Authorization: Bearer; or send Origin."),
    /** See {@link Reason#SIGN_IN_THROTTLED}. */
    SIGN_IN_THROTTLED("LK-204", "too many failed sign-ins for this account or client address; the attempt was not checked",
            "Wait for Retry-After. The limits are latchkey.throttle.pair/address/account.* (failures 0 switches one off);"
            + " behind a proxy, list it in latchkey.proxy.trusted so that clients are told apart."),
    /** See {@link Reason#RECENT_SIGN_IN_REQUIRED}. */
    RECENT_SIGN_IN_REQUIRED("LK-205", "this action needs a recent sign-in, and the session's is older",
            "Confirm the password (UserSessions.reauthenticate) or sign in again, then repeat the action."),

    /** The development cookie is sent on a plain-HTTP connection from this machine to itself. */
    DEVELOPMENT_COOKIE("LK-301", "plain HTTP from this machine to itself: the session cookie is sent without Secure and without its prefix",
            "Nothing to do in development; latchkey.cookie.loopback-development=false switches it off."),
    /** A Secure cookie is sent over plain HTTP, which browsers drop. */
    SECURE_COOKIE_OVER_HTTP("LK-302", "a Secure session cookie is sent over plain HTTP; browsers will drop it",
            "Serve HTTPS, or list the TLS proxy in latchkey.proxy.trusted so that its X-Forwarded-Proto is believed."),

    /** A setting has a value Latchkey cannot use. */
    INVALID_SETTING("LK-401", "a setting has a value Latchkey cannot use", "Change the setting the message names, as it says."),
    /** The application has another authentication mechanism. */
    SECOND_MECHANISM("LK-402", "the application defines another HttpAuthenticationMechanism besides Latchkey's",
            "Remove it (or its @...AuthenticationMechanismDefinition annotation), or remove Latchkey: Jakarta Security uses one."),
    /** A table is missing or a column cannot hold what Latchkey writes. */
    SCHEMA_PROBLEM("LK-403", "a table Latchkey needs is missing, or one of its columns cannot hold what Latchkey writes",
            "Run the script the message names (it ships in the Latchkey jar), or set latchkey.schema.create-missing=true."),
    /** No DataSource at the configured name. */
    NO_DATASOURCE("LK-404", "there is no DataSource at the configured JNDI name",
            "Set latchkey.datasource to the JNDI name of your DataSource; Open Liberty needs <dataSource id=\"DefaultDataSource\"> in server.xml."),
    /** The DataSource cannot be reached. */
    DATABASE_UNREACHABLE("LK-405", "the DataSource for Latchkey's tables cannot be reached at start", "Check that the database runs and the DataSource's address and credentials."),
    /** No JPA provider could open Latchkey's persistence unit. */
    NO_JPA_PROVIDER("LK-406", "no JPA provider could open Latchkey's persistence unit",
            "Enable the server's JPA feature (Open Liberty: persistence-3.1), or set latchkey.persistence.provider."),
    /** Trusted proxies are listed without the header they write the client's address in. */
    PROXY_HEADER_MISSING("LK-407", "reverse proxies are trusted, but not which header they write the client's address in",
            "Set latchkey.proxy.header to the one header your proxy writes (overwrites or appends to): Forwarded,"
            + " X-Forwarded-For or X-Real-IP. Latchkey reads that header alone; the others a client can write itself."),
    /** The Redis of latchkey.store=redis may evict keys. */
    REDIS_EVICTION("LK-408", "the Redis server may evict keys (its maxmemory-policy is not noeviction), which would lose sessions from revocation silently",
            "Set maxmemory-policy to noeviction on that Redis (CONFIG SET maxmemory-policy noeviction and in redis.conf, or the"
            + " managed service's parameter group), or give Latchkey a Redis of its own with that policy.");

    private final String id;
    private final String summary;
    private final String fix;

    Message(String id, String summary, String fix) {
        this.id = id;
        this.summary = summary;
        this.fix = fix;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String summary() {
        return summary;
    }

    @Override
    public String fix() {
        return fix;
    }
}

package dev.latchkey.core;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Where sessions live: the whole boundary between Latchkey and a database.
 *
 * <p>A store does no expiry logic of its own beyond what each method states; the
 * {@link dev.latchkey.core.Latchkey} facade decides. Every implementation must pass the shared
 * contract test suite. Failures are reported as {@link SessionStoreException}.
 *
 * <p>Implementations: {@link InMemorySessionStore} (tests, a single node),
 * {@code dev.latchkey.jpa.JpaSessionStore} (the default) and {@code dev.latchkey.redis.RedisSessionStore}
 * ({@code latchkey.store=redis}).
 */
public interface SessionStore {

    /** Stores a new session. Ids are random and never reused; a duplicate id is a failure. */
    void insert(StoredSession session);

    /** The session with this id, expired or not; one read, no write. */
    Optional<StoredSession> find(String id);

    /**
     * Moves a session's idle deadline, but only if it still is {@code expectedExpiresAt}: of many
     * concurrent renewals of one session exactly one succeeds, and the others change nothing.
     *
     * @return whether this call changed the session
     */
    boolean renew(String id, Instant expectedExpiresAt, Instant newExpiresAt, Instant renewedAt);

    /** Deletes one session. @return whether it existed */
    boolean delete(String id);

    /**
     * Deletes one session, but only if its idle deadline still is {@code expiresAt}: a session found
     * expired is deleted this way, so that a renewal that happened meanwhile is never undone.
     *
     * @return whether this call deleted the session
     */
    boolean deleteIfExpiresAt(String id, Instant expiresAt);

    /** Deletes all of a user's sessions. @return how many */
    int deleteUserSessions(String userId);

    /** Deletes all of a user's sessions but {@code keepId}. @return how many */
    int deleteUserSessionsExcept(String userId, String keepId);

    /**
     * Replaces the groups of every session of a user, so that a change of roles applies to the
     * sessions already signed in. @return how many sessions were changed
     */
    int updateUserGroups(String userId, Set<String> groups);

    /**
     * Records that the user presented a credential again in this session (a re-authentication): its
     * {@code authenticatedAt} becomes {@code at}; nothing else changes.
     *
     * @return whether the session exists
     */
    boolean markAuthenticated(String id, Instant at);

    /** A user's sessions whose idle deadline is after {@code now}, newest first. */
    List<Session> listUserSessions(String userId, Instant now);

    /**
     * Deletes at most {@code limit} sessions whose idle deadline is at or before {@code now}. A
     * session renewed concurrently (its deadline now after {@code now}) must not be deleted.
     *
     * @return how many were deleted
     */
    int deleteExpired(Instant now, int limit);
}

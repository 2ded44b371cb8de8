package dev.latchkey.core;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Sessions in a map: for tests and single-node applications that accept losing sessions on
 * restart. Thread-safe; renewal and cleanup are atomic per session.
 */
public final class InMemorySessionStore implements SessionStore {

    private final Map<String, StoredSession> sessions = new ConcurrentHashMap<>();

    @Override
    public void insert(StoredSession session) {
        if (sessions.putIfAbsent(session.id(), session) != null) {
            throw new SessionStoreException("a session with this id already exists");
        }
    }

    @Override
    public Optional<StoredSession> find(String id) {
        return Optional.ofNullable(sessions.get(id));
    }

    @Override
    public boolean renew(String id, Instant expectedExpiresAt, Instant newExpiresAt, Instant renewedAt) {
        boolean[] changed = {false};
        sessions.computeIfPresent(id, (key, current) -> {
            if (!current.session().expiresAt().equals(expectedExpiresAt)) {
                return current;
            }
            changed[0] = true;
            return new StoredSession(current.session().renewed(newExpiresAt, renewedAt), current.secretHash());
        });
        return changed[0];
    }

    @Override
    public boolean delete(String id) {
        return sessions.remove(id) != null;
    }

    @Override
    public boolean deleteIfExpiresAt(String id, Instant expiresAt) {
        boolean[] deleted = {false};
        sessions.computeIfPresent(id, (key, current) -> {
            if (!current.session().expiresAt().equals(expiresAt)) {
                return current;
            }
            deleted[0] = true;
            return null;
        });
        return deleted[0];
    }

    @Override
    public int updateUserGroups(String userId, Set<String> groups) {
        int[] changed = {0};
        for (String id : sessions.keySet()) {
            sessions.computeIfPresent(id, (key, current) -> {
                if (!current.session().userId().equals(userId)) {
                    return current;
                }
                changed[0]++;
                return new StoredSession(current.session().withGroups(groups), current.secretHash());
            });
        }
        return changed[0];
    }

    @Override
    public boolean markAuthenticated(String id, Instant at) {
        return sessions.computeIfPresent(id, (key, current) ->
                new StoredSession(current.session().withAuthenticatedAt(at), current.secretHash())) != null;
    }

    @Override
    public int deleteUserSessions(String userId) {
        return deleteIf(s -> s.userId().equals(userId));
    }

    @Override
    public int deleteUserSessionsExcept(String userId, String keepId) {
        return deleteIf(s -> s.userId().equals(userId) && !s.id().equals(keepId));
    }

    @Override
    public List<Session> listUserSessions(String userId, Instant now) {
        return sessions.values().stream()
                .map(StoredSession::session)
                .filter(s -> s.userId().equals(userId) && s.expiresAt().isAfter(now))
                .sorted(Comparator.comparing(Session::createdAt).reversed().thenComparing(Session::id))
                .toList();
    }

    @Override
    public int deleteExpired(Instant now, int limit) {
        int deleted = 0;
        for (Map.Entry<String, StoredSession> entry : sessions.entrySet()) {
            if (deleted >= limit) {
                break;
            }
            StoredSession stored = entry.getValue();
            if (stored.session().isIdleExpiredAt(now) && sessions.remove(entry.getKey(), stored)) {
                deleted++;
            }
        }
        return deleted;
    }

    private int deleteIf(Predicate<Session> condition) {
        int[] deleted = {0};
        for (String id : sessions.keySet()) {
            sessions.computeIfPresent(id, (key, current) -> {
                if (condition.test(current.session())) {
                    deleted[0]++;
                    return null;
                }
                return current;
            });
        }
        return deleted[0];
    }
}

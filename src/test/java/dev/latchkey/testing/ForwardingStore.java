package dev.latchkey.testing;

import dev.latchkey.core.Session;
import dev.latchkey.core.SessionStore;
import dev.latchkey.core.StoredSession;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** A store that passes every call on; tests override one method to put something between. */
public class ForwardingStore implements SessionStore {

    private final SessionStore target;

    public ForwardingStore(SessionStore target) {
        this.target = target;
    }

    @Override
    public void insert(StoredSession session) {
        target.insert(session);
    }

    @Override
    public Optional<StoredSession> find(String id) {
        return target.find(id);
    }

    @Override
    public boolean renew(String id, Instant expectedExpiresAt, Instant newExpiresAt, Instant renewedAt) {
        return target.renew(id, expectedExpiresAt, newExpiresAt, renewedAt);
    }

    @Override
    public boolean delete(String id) {
        return target.delete(id);
    }

    @Override
    public boolean deleteIfExpiresAt(String id, Instant expiresAt) {
        return target.deleteIfExpiresAt(id, expiresAt);
    }

    @Override
    public int updateUserGroups(String userId, Set<String> groups) {
        return target.updateUserGroups(userId, groups);
    }

    @Override
    public boolean markAuthenticated(String id, Instant at) {
        return target.markAuthenticated(id, at);
    }

    @Override
    public int deleteUserSessions(String userId) {
        return target.deleteUserSessions(userId);
    }

    @Override
    public int deleteUserSessionsExcept(String userId, String keepId) {
        return target.deleteUserSessionsExcept(userId, keepId);
    }

    @Override
    public List<Session> listUserSessions(String userId, Instant now) {
        return target.listUserSessions(userId, now);
    }

    @Override
    public int deleteExpired(Instant now, int limit) {
        return target.deleteExpired(now, limit);
    }
}

package dev.latchkey.cdi;

import dev.latchkey.core.Session;
import dev.latchkey.store.SessionStore;
import dev.latchkey.store.StoredSession;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** A store whose every operation runs outside the caller's transaction. */
final class SuspendingStore implements SessionStore {

    private final SessionStore target;
    private final OutsideTransactions outside;

    SuspendingStore(SessionStore target, OutsideTransactions outside) {
        this.target = target;
        this.outside = outside;
    }

    @Override
    public void insert(StoredSession session) {
        outside.call(() -> {
            target.insert(session);
            return null;
        });
    }

    @Override
    public Optional<StoredSession> find(String id) {
        return outside.call(() -> target.find(id));
    }

    @Override
    public boolean renew(String id, Instant expectedExpiresAt, Instant newExpiresAt, Instant renewedAt) {
        return outside.call(() -> target.renew(id, expectedExpiresAt, newExpiresAt, renewedAt));
    }

    @Override
    public boolean delete(String id) {
        return outside.call(() -> target.delete(id));
    }

    @Override
    public boolean deleteIfExpiresAt(String id, Instant expiresAt) {
        return outside.call(() -> target.deleteIfExpiresAt(id, expiresAt));
    }

    @Override
    public int updateUserGroups(String userId, Set<String> groups) {
        return outside.call(() -> target.updateUserGroups(userId, groups));
    }

    @Override
    public int deleteUserSessions(String userId) {
        return outside.call(() -> target.deleteUserSessions(userId));
    }

    @Override
    public int deleteUserSessionsExcept(String userId, String keepId) {
        return outside.call(() -> target.deleteUserSessionsExcept(userId, keepId));
    }

    @Override
    public List<Session> listUserSessions(String userId, Instant now) {
        return outside.call(() -> target.listUserSessions(userId, now));
    }

    @Override
    public int deleteExpired(Instant now, int limit) {
        return outside.call(() -> target.deleteExpired(now, limit));
    }
}

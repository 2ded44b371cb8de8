package dev.latchkey.internal.cdi;

import dev.latchkey.core.Session;
import dev.latchkey.core.SessionStore;
import dev.latchkey.core.StoredSession;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** A store whose every operation runs with the caller's JTA transaction suspended. */
final class SuspendedTransactionStore implements SessionStore {

    private final SessionStore target;
    private final StoreSuspension outside;

    SuspendedTransactionStore(SessionStore target, TransactionSuspender outside) {
        this.target = target;
        this.outside = new StoreSuspension(outside);
    }

    @Override
    public void insert(StoredSession session) {
        outside.suspended(() -> {
            target.insert(session);
            return null;
        });
    }

    @Override
    public Optional<StoredSession> find(String id) {
        return outside.suspended(() -> target.find(id));
    }

    @Override
    public boolean renew(String id, Instant expectedExpiresAt, Instant newExpiresAt, Instant renewedAt) {
        return outside.suspended(() -> target.renew(id, expectedExpiresAt, newExpiresAt, renewedAt));
    }

    @Override
    public boolean delete(String id) {
        return outside.suspended(() -> target.delete(id));
    }

    @Override
    public boolean deleteIfExpiresAt(String id, Instant expiresAt) {
        return outside.suspended(() -> target.deleteIfExpiresAt(id, expiresAt));
    }

    @Override
    public int updateUserGroups(String userId, Set<String> groups) {
        return outside.suspended(() -> target.updateUserGroups(userId, groups));
    }

    @Override
    public boolean markAuthenticated(String id, Instant at) {
        return outside.suspended(() -> target.markAuthenticated(id, at));
    }

    @Override
    public int deleteUserSessions(String userId) {
        return outside.suspended(() -> target.deleteUserSessions(userId));
    }

    @Override
    public int deleteUserSessionsExcept(String userId, String keepId) {
        return outside.suspended(() -> target.deleteUserSessionsExcept(userId, keepId));
    }

    @Override
    public List<Session> listUserSessions(String userId, Instant now) {
        return outside.suspended(() -> target.listUserSessions(userId, now));
    }

    @Override
    public int deleteExpired(Instant now, int limit) {
        return outside.suspended(() -> target.deleteExpired(now, limit));
    }
}

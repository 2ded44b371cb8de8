package dev.latchkey.testing;

import dev.latchkey.core.Session;
import dev.latchkey.core.SessionStore;
import dev.latchkey.core.SessionStoreException;
import dev.latchkey.core.StoredSession;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/** Wraps a store, counts calls, and can be switched to fail like an unreachable database. */
public final class RecordingStore implements SessionStore {

    private final SessionStore target;
    public final AtomicInteger calls = new AtomicInteger();
    public final AtomicInteger writes = new AtomicInteger();
    private volatile boolean down;

    public RecordingStore(SessionStore target) {
        this.target = target;
    }

    public void setDown(boolean down) {
        this.down = down;
    }

    private void call(boolean write) {
        calls.incrementAndGet();
        if (write) {
            writes.incrementAndGet();
        }
        if (down) {
            throw new SessionStoreException("simulated outage");
        }
    }

    @Override
    public void insert(StoredSession session) {
        call(true);
        target.insert(session);
    }

    @Override
    public Optional<StoredSession> find(String id) {
        call(false);
        return target.find(id);
    }

    @Override
    public boolean renew(String id, Instant expectedExpiresAt, Instant newExpiresAt, Instant renewedAt) {
        call(true);
        return target.renew(id, expectedExpiresAt, newExpiresAt, renewedAt);
    }

    @Override
    public boolean delete(String id) {
        call(true);
        return target.delete(id);
    }

    @Override
    public boolean deleteIfExpiresAt(String id, Instant expiresAt) {
        call(true);
        return target.deleteIfExpiresAt(id, expiresAt);
    }

    @Override
    public int updateUserGroups(String userId, Set<String> groups) {
        call(true);
        return target.updateUserGroups(userId, groups);
    }

    @Override
    public boolean markAuthenticated(String id, Instant at) {
        call(true);
        return target.markAuthenticated(id, at);
    }

    @Override
    public int deleteUserSessions(String userId) {
        call(true);
        return target.deleteUserSessions(userId);
    }

    @Override
    public int deleteUserSessionsExcept(String userId, String keepId) {
        call(true);
        return target.deleteUserSessionsExcept(userId, keepId);
    }

    @Override
    public List<Session> listUserSessions(String userId, Instant now) {
        call(false);
        return target.listUserSessions(userId, now);
    }

    @Override
    public int deleteExpired(Instant now, int limit) {
        call(true);
        return target.deleteExpired(now, limit);
    }
}

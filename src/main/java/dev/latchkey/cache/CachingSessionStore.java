package dev.latchkey.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.latchkey.core.Session;
import dev.latchkey.core.SessionStore;
import dev.latchkey.core.StoredSession;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * A {@link SessionStore} that keeps the rows it read, so that a session validated again within
 * {@link CacheSettings#maxAge()} costs no database read. Everything else goes to the store.
 *
 * <p>What stays exact: the secret's hash is compared on every validation (the cached row holds only
 * the hash, as the table does); renewal still happens at the halfway point, with the store's
 * conditional write, so one node's stale row can cost one failed write, never a second renewal; a
 * change made through this node — sign-out, revocation, new groups, re-authentication, renewal — is
 * seen by this node at once. What does not: a change made through <em>another</em> node is seen here
 * once the cached row is older than {@code maxAge}. A session revoked elsewhere can therefore be used
 * on this node for at most {@code maxAge}; choose it with that in mind, or leave the cache off.
 *
 * <p>Unknown ids are not cached (a guesser cannot fill the cache); at most {@code maxSize} rows are
 * kept, the least used dropped first.
 */
public final class CachingSessionStore implements SessionStore {

    private final SessionStore store;
    private final Cache<String, StoredSession> rows;
    /** Changes made through this node, so that a row read while one was under way is not kept. */
    private final AtomicLong changes = new AtomicLong();
    /** Orders keeping a row read against dropping the rows a change touched. */
    private final ReadWriteLock lock = new ReentrantReadWriteLock();

    /**
     * @param store    the store to cache
     * @param settings the bounds; must be on
     * @param clock    the source of time for the rows' age
     */
    public CachingSessionStore(SessionStore store, CacheSettings settings, Clock clock) {
        if (!settings.isOn()) {
            throw new IllegalArgumentException("the cache is off (max-size 0)");
        }
        this.store = store;
        Ticker ticker = () -> {
            Instant now = clock.instant();
            return now.getEpochSecond() * 1_000_000_000L + now.getNano();
        };
        this.rows = Caffeine.newBuilder().maximumSize(settings.maxSize()).expireAfterWrite(settings.maxAge())
                .ticker(ticker).executor(Runnable::run).build();
    }

    /** The store behind the cache. */
    public SessionStore store() {
        return store;
    }

    @Override
    public Optional<StoredSession> find(String id) {
        StoredSession cached = rows.getIfPresent(id);
        if (cached != null) {
            return Optional.of(cached);
        }
        long seen = changes.get();
        Optional<StoredSession> found = store.find(id);
        if (found.isPresent()) {
            // Kept only if no change went through this node while the row was read: it might predate it.
            lock.readLock().lock();
            try {
                if (changes.get() == seen) {
                    rows.put(id, found.get());
                }
            } finally {
                lock.readLock().unlock();
            }
        }
        return found;
    }

    @Override
    public void insert(StoredSession session) {
        store.insert(session);
    }

    @Override
    public boolean renew(String id, Instant expectedExpiresAt, Instant newExpiresAt, Instant renewedAt) {
        StoredSession before = rows.getIfPresent(id);
        long mine = changes.incrementAndGet();
        boolean renewed = false;
        try {
            renewed = store.renew(id, expectedExpiresAt, newExpiresAt, renewedAt);
            return renewed;
        } finally {
            lock.writeLock().lock();
            try {
                if (renewed && before != null && changes.get() == mine
                        && before.session().expiresAt().equals(expectedExpiresAt)) {
                    rows.put(id, new StoredSession(before.session().renewed(newExpiresAt, renewedAt), before.secretHash()));
                } else {
                    rows.invalidate(id);
                }
            } finally {
                lock.writeLock().unlock();
            }
        }
    }

    @Override
    public boolean delete(String id) {
        return change(() -> store.delete(id), () -> rows.invalidate(id));
    }

    @Override
    public boolean deleteIfExpiresAt(String id, Instant expiresAt) {
        return change(() -> store.deleteIfExpiresAt(id, expiresAt), () -> rows.invalidate(id));
    }

    @Override
    public int deleteUserSessions(String userId) {
        return change(() -> store.deleteUserSessions(userId), () -> forgetUser(userId));
    }

    @Override
    public int deleteUserSessionsExcept(String userId, String keepId) {
        return change(() -> store.deleteUserSessionsExcept(userId, keepId), () -> forgetUser(userId));
    }

    @Override
    public int updateUserGroups(String userId, Set<String> groups) {
        return change(() -> store.updateUserGroups(userId, groups), () -> forgetUser(userId));
    }

    @Override
    public boolean markAuthenticated(String id, Instant at) {
        return change(() -> store.markAuthenticated(id, at), () -> rows.invalidate(id));
    }

    @Override
    public List<Session> listUserSessions(String userId, Instant now) {
        return store.listUserSessions(userId, now);
    }

    @Override
    public int deleteExpired(Instant now, int limit) {
        // Expired rows are refused by the validation whether cached or not; nothing to forget.
        return store.deleteExpired(now, limit);
    }

    /**
     * A change through this node: counted before it reaches the store (so that a row read meanwhile is
     * not kept), and the rows it touches dropped after, whether it worked or not.
     */
    private <T> T change(Supplier<T> work, Runnable forget) {
        changes.incrementAndGet();
        try {
            return work.get();
        } finally {
            lock.writeLock().lock();
            try {
                forget.run();
            } finally {
                lock.writeLock().unlock();
            }
        }
    }

    private void forgetUser(String userId) {
        rows.asMap().values().removeIf(row -> row.session().userId().equals(userId));
    }
}

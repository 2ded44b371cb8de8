package dev.latchkey.internal.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
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
 * once the cached row is older than {@code maxAge}, counted from when it was read from the store — a
 * renewal through this node keeps the renewed row, with the age of the row it came from. A session
 * revoked elsewhere can therefore be used on this node for at most {@code maxAge}; choose it with that
 * in mind, or leave the cache off.
 *
 * <p>With a {@link ChangeFeed}, the nodes tell each other of sign-outs, revocations, new groups and
 * re-authentications, and drop the rows concerned as soon as they hear of them; a node whose feed was
 * down empties its cache when it is back. {@code maxAge} remains the bound when the feed fails.
 *
 * <p>Unknown ids are not cached (a guesser cannot fill the cache); at most {@code maxSize} rows are
 * kept, the least used dropped first.
 */
public final class CachingSessionStore implements SessionStore {

    /** A row as read, and when its read began (the ticker's nanoseconds): its age counts from then, whatever is put since. */
    private record Cached(StoredSession row, long readAt) {
    }

    private final SessionStore store;
    private final Cache<String, Cached> rows;
    private final Ticker ticker;
    /** Changes made through this node, so that a row read while one was under way is not kept. */
    private final AtomicLong changes = new AtomicLong();
    /** Orders keeping a row read against dropping the rows a change touched. */
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final ChangeFeed feed;
    private final Clock clock;

    /**
     * @param store    the store to cache
     * @param settings the bounds; must be on
     * @param clock    the source of time for the rows' age
     */
    public CachingSessionStore(SessionStore store, CacheSettings settings, Clock clock) {
        this(store, settings, clock, null);
    }

    /**
     * A cache that hears of the other nodes' changes through {@code feed}, and announces its own there.
     * The cache starts listening at once; closing the feed is the caller's business.
     *
     * @param store    the store to cache
     * @param settings the bounds; must be on
     * @param clock    the source of time for the rows' age
     * @param feed     the nodes' change feed, or {@code null} for none
     */
    public CachingSessionStore(SessionStore store, CacheSettings settings, Clock clock, ChangeFeed feed) {
        if (!settings.isOn()) {
            throw new IllegalArgumentException("the cache is off (max-size 0)");
        }
        this.store = store;
        this.ticker = () -> {
            Instant now = clock.instant();
            return now.getEpochSecond() * 1_000_000_000L + now.getNano();
        };
        long maxAge = settings.maxAge().toNanos();
        this.rows = Caffeine.newBuilder().maximumSize(settings.maxSize()).expireAfter(new Expiry<String, Cached>() {
            @Override
            public long expireAfterCreate(String id, Cached cached, long now) {
                return Math.max(0, cached.readAt() + maxAge - now);
            }

            @Override
            public long expireAfterUpdate(String id, Cached cached, long now, long left) {
                return expireAfterCreate(id, cached, now);
            }

            @Override
            public long expireAfterRead(String id, Cached cached, long now, long left) {
                return left;
            }
        }).ticker(ticker).executor(Runnable::run).build();
        this.feed = feed;
        this.clock = clock;
        if (feed != null) {
            feed.listen(this::heard);
        }
    }

    /** The store behind the cache. */
    public SessionStore store() {
        return store;
    }

    @Override
    public Optional<StoredSession> find(String id) {
        Cached cached = rows.getIfPresent(id);
        if (cached != null) {
            return Optional.of(cached.row());
        }
        long seen = changes.get();
        long readAt = ticker.read();
        Optional<StoredSession> found = store.find(id);
        if (found.isPresent()) {
            // Kept only if no change went through this node while the row was read: it might predate it.
            lock.readLock().lock();
            try {
                if (changes.get() == seen) {
                    rows.put(id, new Cached(found.get(), readAt));
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
        Cached before = rows.getIfPresent(id);
        long mine = changes.incrementAndGet();
        boolean renewed = false;
        try {
            renewed = store.renew(id, expectedExpiresAt, newExpiresAt, renewedAt);
            return renewed;
        } finally {
            lock.writeLock().lock();
            try {
                if (renewed && before != null && changes.get() == mine
                        && before.row().session().expiresAt().equals(expectedExpiresAt)) {
                    // The renewed row keeps the age of the row it was made from: what another node changed since that
                    // read is still seen within max-age of it, not max-age after the renewal.
                    StoredSession row = before.row();
                    rows.put(id, new Cached(new StoredSession(row.session().renewed(newExpiresAt, renewedAt), row.secretHash()),
                            before.readAt()));
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
        return announced(change(() -> store.delete(id), () -> rows.invalidate(id)), ChangeFeed.Kind.SESSION, id);
    }

    @Override
    public boolean deleteIfExpiresAt(String id, Instant expiresAt) {
        return change(() -> store.deleteIfExpiresAt(id, expiresAt), () -> rows.invalidate(id));
    }

    @Override
    public int deleteUserSessions(String userId) {
        return announced(change(() -> store.deleteUserSessions(userId), () -> forgetUser(userId)), userId);
    }

    @Override
    public int deleteUserSessionsExcept(String userId, String keepId) {
        return announced(change(() -> store.deleteUserSessionsExcept(userId, keepId), () -> forgetUser(userId)), userId);
    }

    @Override
    public int updateUserGroups(String userId, Set<String> groups) {
        return announced(change(() -> store.updateUserGroups(userId, groups), () -> forgetUser(userId)), userId);
    }

    @Override
    public boolean markAuthenticated(String id, Instant at) {
        return announced(change(() -> store.markAuthenticated(id, at), () -> rows.invalidate(id)), ChangeFeed.Kind.SESSION,
                id);
    }

    @Override
    public List<Session> listUserSessions(String userId, Instant now) {
        return store.listUserSessions(userId, now);
    }

    @Override
    public int deleteExpired(Instant now, int limit) {
        if (!now.isAfter(clock.instant())) {
            // Expired rows are refused by the validation whether cached or not; nothing to forget.
            return store.deleteExpired(now, limit);
        }
        // A deadline in the future deletes live sessions too (Latchkey.invalidateAllSessions): forget them.
        int deleted = change(() -> store.deleteExpired(now, limit),
                () -> rows.asMap().values().removeIf(cached -> !cached.row().session().expiresAt().isAfter(now)));
        if (deleted > 0 && feed != null) {
            feed.announce(ChangeFeed.Change.EVERYTHING);
        }
        return deleted;
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

    /** Tells the other nodes of a change to one session, if it changed anything. */
    private boolean announced(boolean changed, ChangeFeed.Kind kind, String id) {
        if (changed && feed != null) {
            feed.announce(new ChangeFeed.Change(kind, id));
        }
        return changed;
    }

    /** Tells the other nodes of a change to a user's sessions, if it changed any. */
    private int announced(int changed, String userId) {
        if (changed > 0 && feed != null) {
            feed.announce(new ChangeFeed.Change(ChangeFeed.Kind.USER, userId));
        }
        return changed;
    }

    /**
     * Another node's change: the rows it touches are dropped, and counted as a change so that a row
     * read while it was being made is not kept.
     */
    private void heard(ChangeFeed.Change change) {
        changes.incrementAndGet();
        lock.writeLock().lock();
        try {
            switch (change.kind()) {
                case SESSION -> rows.invalidate(change.value());
                case USER -> forgetUser(change.value());
                case EVERYTHING -> rows.invalidateAll();
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    private void forgetUser(String userId) {
        rows.asMap().values().removeIf(cached -> cached.row().session().userId().equals(userId));
    }
}

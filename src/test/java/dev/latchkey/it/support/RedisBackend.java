package dev.latchkey.it.support;

import dev.latchkey.testing.RedisServer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPubSub;

/**
 * Sessions in one Redis ({@link RedisServer}), {@code latchkey.store=redis}; the nodes' built-in
 * accounts stay in PostgreSQL, as an application on Redis keeps its users in its database. Writes are
 * counted from Redis's own keyspace notifications: each {@code HSET} on a session's hash is one write.
 * An outage is a Redis with persistence going down and coming back with its data.
 */
public final class RedisBackend implements SessionBackend {

    public static final String PREFIX = "two:";
    private static final Duration GRACE = Duration.ofMinutes(1);
    /** The key {@link #countWrites()} writes to know every earlier notification has arrived; never a session id. */
    private static final String MARKER = "count-marker";

    private final PostgresBackend accounts = new PostgresBackend();
    private final RedisServer redis = RedisServer.get();
    private final Map<String, AtomicInteger> hsets = new ConcurrentHashMap<>();
    private final AtomicLong lastEvent = new AtomicLong();
    private Thread listener;
    private JedisPubSub subscription;

    @Override
    public String description() {
        return "Redis " + redis.with(jedis -> jedis.info("server").lines().filter(l -> l.startsWith("redis_version:"))
                .map(l -> l.substring("redis_version:".length())).findFirst().orElse("?")) + " (sessions), "
                + accounts.description() + " (accounts)";
    }

    @Override
    public List<String> payaraArguments(Path work) {
        return accounts.payaraArguments(work);
    }

    @Override
    public Map<String, String> settings() {
        Map<String, String> settings = new HashMap<>(accounts.settings());
        settings.put("latchkey.store", "redis");
        settings.put("latchkey.redis.uri", redis.uri());
        settings.put("latchkey.redis.prefix", PREFIX);
        return settings;
    }

    @Override
    public void prepare() {
        accounts.prepare();
        redis.flush();
    }

    @Override
    public void nodesStarted() {
    }

    @Override
    public Set<String> sessionIds() {
        return redis.with(jedis -> jedis.keys(PREFIX + "s:*")).stream()
                .map(key -> key.substring((PREFIX + "s:").length())).collect(Collectors.toSet());
    }

    @Override
    public Optional<Instant> expiresAt(String id) {
        return Optional.ofNullable(redis.with(jedis -> jedis.hget(PREFIX + "s:" + id, "expiresAt")))
                .map(millis -> Instant.ofEpochMilli(Long.parseLong(millis)));
    }

    /** The deadline in the hash, the key's TTL and the expiry index, as the store keeps them together. */
    @Override
    public void setExpiresAt(String id, Instant expiresAt) {
        String key = PREFIX + "s:" + id;
        boolean found = redis.with(jedis -> {
            if (!jedis.exists(key)) {
                return false;
            }
            jedis.hset(key, "expiresAt", Long.toString(expiresAt.toEpochMilli()));
            jedis.pexpire(key, Duration.between(Instant.now(), expiresAt).plus(GRACE).toMillis());
            jedis.zadd(PREFIX + "expiry", expiresAt.toEpochMilli(), id);
            return true;
        });
        if (!found) {
            throw new IllegalStateException("no session " + id);
        }
    }

    @Override
    public synchronized void countWrites() {
        if (listener == null) {
            redis.with(jedis -> jedis.configSet("notify-keyspace-events", "Kh"));
            subscription = new JedisPubSub() {
                @Override
                public void onPMessage(String pattern, String channel, String event) {
                    if (event.equals("hset")) {
                        hsets.computeIfAbsent(channel.substring(channel.indexOf(PREFIX + "s:") + PREFIX.length() + 2),
                                k -> new AtomicInteger()).incrementAndGet();
                    }
                    lastEvent.set(System.nanoTime());
                }
            };
            listener = new Thread(() -> {
                try (Jedis jedis = new Jedis("127.0.0.1", redis.port())) {
                    jedis.psubscribe(subscription, "__keyspace@0__:" + PREFIX + "s:*");
                } catch (RuntimeException stopped) {
                    // Redis went away (the outage test); counting is over
                }
            }, "two-nodes-keyspace");
            listener.setDaemon(true);
            listener.start();
            long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!subscription.isSubscribed() && System.nanoTime() < end) {
                pause();
            }
        }
        // The notifications of writes made just before (the test's own, moving a deadline) arrive on their own
        // thread: write a marker and wait for its notification, which comes after theirs, before counting from zero.
        AtomicInteger marker = hsets.computeIfAbsent(MARKER, k -> new AtomicInteger());
        int seen = marker.get();
        redis.with(jedis -> jedis.hset(PREFIX + "s:" + MARKER, "marker", "1"));
        redis.with(jedis -> jedis.del(PREFIX + "s:" + MARKER));
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (marker.get() == seen && System.nanoTime() < end) {
            pause();
        }
        hsets.clear();
    }

    /** Returns once no notification arrived for 300 ms (at most 5 s). */
    private void awaitQuiet() {
        long quiet = Duration.ofMillis(300).toNanos();
        long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() - lastEvent.get() < quiet && System.nanoTime() < end) {
            pause();
        }
    }

    /** The session's HSETs since {@link #countWrites()}, once the notifications stopped arriving for 300 ms. */
    @Override
    public int writesTo(String id) {
        awaitQuiet();
        AtomicInteger count = hsets.get(id);
        return count == null ? 0 : count.get();
    }

    /** Waits a little without holding one of the machine's two cores, as a busy wait would. */
    private static void pause() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A conditional renewal that lost changes nothing in Redis, so it leaves no trace to count. */
    @Override
    public OptionalInt writesTried() {
        return OptionalInt.empty();
    }

    @Override
    public synchronized void stop() {
        if (subscription != null && subscription.isSubscribed()) {
            subscription.punsubscribe();
        }
        listener = null;
        redis.stopKeepingData();
    }

    @Override
    public void start() {
        redis.start();
    }
}

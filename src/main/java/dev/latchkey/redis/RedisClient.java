package dev.latchkey.redis;

import dev.latchkey.core.SessionStoreException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javax.net.ssl.SSLParameters;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/**
 * The only class that speaks to Jedis: a pool of plain socket connections to one Redis server, the
 * scripts run by their SHA-1 digest (and sent whole when the server does not know them yet, as after
 * a restart), and every failure turned into a {@link SessionStoreException} that names the operation
 * and the exception's class, never a key or a value.
 *
 * <p>The pool has no evictor: Latchkey starts no thread in the container. A connection found broken
 * (Redis restarted, a firewall dropped an idle connection) makes the pool drop all its idle ones, so
 * that the next call opens a new connection; a read that failed that way is tried once more at once.
 */
final class RedisClient implements AutoCloseable {

    /** The name of a class every usable Jedis has, to tell "Jedis is missing" apart from other failures. */
    static final String JEDIS_CLASS = "redis.clients.jedis.JedisPooled";

    private final JedisPooled jedis;

    private RedisClient(JedisPooled jedis) {
        this.jedis = jedis;
    }

    /**
     * A pool for {@code address} ({@code redis://}, or {@code rediss://} for TLS with the JVM's trusted
     * certificates and the host name checked against the server's certificate; user and password in the
     * URI). Connects lazily: a server that is down now fails the first call, not this one.
     */
    static RedisClient open(RedisAddress address, Duration timeout, int maxConnections) {
        ConnectionPoolConfig pool = new ConnectionPoolConfig();
        pool.setMaxTotal(maxConnections);
        pool.setMaxIdle(maxConnections);
        pool.setMinIdle(0);
        // An exhausted pool fails after the timeout like an unreachable server, rather than waiting for ever.
        pool.setMaxWait(timeout);
        pool.setBlockWhenExhausted(true);
        // No evictor thread: nothing of Latchkey's runs outside the container's threads.
        pool.setTimeBetweenEvictionRuns(Duration.ofMillis(-1));
        pool.setTestWhileIdle(false);
        pool.setJmxEnabled(false);
        int millis = Math.toIntExact(timeout.toMillis());
        SSLParameters tls = null;
        if (address.tls()) {
            // Jedis checks no host name unless told to: without this, any trusted certificate would do.
            tls = new SSLParameters();
            tls.setEndpointIdentificationAlgorithm("HTTPS");
        }
        return new RedisClient(new JedisPooled(pool, address.uri(), millis, millis, null, tls, null));
    }

    /** Runs a read, once more if the first try met a broken connection. */
    <T> T read(String operation, Function<UnifiedJedis, T> work) {
        try {
            return work.apply(jedis);
        } catch (JedisConnectionException e) {
            if (isTimeout(e)) {
                throw failed(operation, e);
            }
            dropIdleConnections();
            return write(operation, work);
        } catch (RuntimeException e) {
            throw failed(operation, e);
        }
    }

    /** Runs a write, once: a write is never repeated, as the first may have been done. */
    <T> T write(String operation, Function<UnifiedJedis, T> work) {
        try {
            return work.apply(jedis);
        } catch (JedisConnectionException e) {
            dropIdleConnections();
            throw failed(operation, e);
        } catch (RuntimeException e) {
            throw failed(operation, e);
        }
    }

    /** Runs a script that changes data. */
    Object run(String operation, Script script, List<String> keys, List<String> args) {
        return write(operation, redis -> eval(redis, script, keys, args));
    }

    /** Runs a script that only reads (and prunes what had expired), once more after a broken connection. */
    Object runRead(String operation, Script script, List<String> keys, List<String> args) {
        return read(operation, redis -> eval(redis, script, keys, args));
    }

    private static Object eval(UnifiedJedis redis, Script script, List<String> keys, List<String> args) {
        try {
            return redis.evalsha(script.sha1(), keys, args);
        } catch (JedisNoScriptException e) {
            // The server does not have it (first use, a restart, SCRIPT FLUSH): EVAL sends it and caches it.
            return redis.eval(script.source(), keys, args);
        }
    }

    /** A session's hash, empty when there is none. */
    Map<String, String> hash(String operation, String key) {
        return read(operation, redis -> redis.hgetAll(key));
    }

    /** Deletes a key. */
    void delete(String operation, String key) {
        write(operation, redis -> redis.del(key));
    }

    /** The server's answer to {@code PING}, and its version, as {@code "Redis 7.2.4"}; throws when unreachable. */
    String ping(String operation) {
        return read(operation, redis -> {
            redis.ping();
            for (String line : redis.info("server").split("\r?\n")) {
                if (line.startsWith("redis_version:")) {
                    return "Redis " + line.substring("redis_version:".length()).strip();
                }
            }
            return "Redis";
        });
    }

    /** The server's {@code maxmemory-policy}, from {@code INFO memory} (allowed where {@code CONFIG} is not); null when it does not say. */
    String evictionPolicy(String operation) {
        return read(operation, redis -> {
            for (String line : redis.info("memory").split("\r?\n")) {
                if (line.startsWith("maxmemory_policy:")) {
                    return line.substring("maxmemory_policy:".length()).strip();
                }
            }
            return null;
        });
    }

    private void dropIdleConnections() {
        try {
            jedis.getPool().clear();
        } catch (RuntimeException e) {
            // the pool is closing or closed; the failure is reported by the caller
        }
    }

    private static boolean isTimeout(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }

    private static SessionStoreException failed(String operation, RuntimeException e) {
        return new SessionStoreException("Redis store: " + operation + " failed (" + e.getClass().getSimpleName() + ")", e);
    }

    /** Closes the pool and its connections. */
    @Override
    public void close() {
        jedis.close();
    }
}

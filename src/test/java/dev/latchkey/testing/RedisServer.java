package dev.latchkey.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.function.Function;
import redis.clients.jedis.Jedis;

/**
 * A real Redis server (the binary shipped in the {@code com.github.codemonstur:embedded-redis} test
 * artifact), one per JVM, started on first use on a free loopback port, without persistence. Outage
 * tests {@link #stop()} it and {@link #start()} it again on the same port: it comes back empty.
 */
public final class RedisServer {

    private static RedisServer instance;

    private final int port;
    private final java.nio.file.Path dump;
    private redis.embedded.RedisServer process;
    /** Whether the next start loads the snapshot {@link #stopKeepingData()} wrote. */
    private boolean loadDump;

    private RedisServer(int port) {
        this.port = port;
        this.dump = java.nio.file.Path.of("target", "embedded-redis", "dump-" + port + ".rdb").toAbsolutePath();
        start();
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop));
    }

    /** The running server, started on first use. */
    public static synchronized RedisServer get() {
        if (instance == null) {
            instance = new RedisServer(freePort());
        }
        if (!instance.isRunning()) {
            instance.start();
        }
        return instance;
    }

    /** The port it listens on, on 127.0.0.1. */
    public int port() {
        return port;
    }

    /** {@code redis://127.0.0.1:<port>}. */
    public String uri() {
        return "redis://127.0.0.1:" + port;
    }

    /** Runs {@code work} on a connection of its own, opened and closed here. */
    public <T> T with(Function<Jedis, T> work) {
        try (Jedis jedis = new Jedis("127.0.0.1", port)) {
            return work.apply(jedis);
        }
    }

    /** Empties every database. */
    public void flush() {
        with(Jedis::flushAll);
    }

    /** Whether the server runs now. */
    public synchronized boolean isRunning() {
        return process != null && process.isActive();
    }

    /**
     * Starts the server on its port: empty, unless {@link #stopKeepingData()} stopped it, in which case
     * it loads what it had (as a Redis with persistence does after a restart).
     */
    public synchronized void start() {
        if (isRunning()) {
            return;
        }
        try {
            java.nio.file.Files.createDirectories(dump.getParent());
            if (!loadDump) {
                java.nio.file.Files.deleteIfExists(dump);
            }
            loadDump = false;
            process = redis.embedded.RedisServer.newRedisServer()
                    .port(port)
                    .bind("127.0.0.1")
                    .setting("dir " + dump.getParent())
                    .setting("dbfilename " + dump.getFileName())
                    .setting("save \"\"")
                    .setting("appendonly no")
                    .setting("protected-mode no")
                    .build();
            process.start();
        } catch (IOException e) {
            throw new UncheckedIOException("the embedded Redis server did not start on port " + port, e);
        }
    }

    /** Saves a snapshot, then stops the server: the next {@link #start()} comes back with the data. */
    public synchronized void stopKeepingData() {
        with(Jedis::save);
        stop();
        loadDump = true;
    }

    /** Stops the server; connections to it fail until {@link #start()}, which starts it empty. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        try {
            process.stop();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            process = null;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

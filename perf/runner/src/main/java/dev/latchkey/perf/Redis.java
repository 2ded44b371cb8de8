package dev.latchkey.perf;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The Redis of the Redis case: the binary in the embedded-redis jar (as in the library's tests) on
 * {@code 127.0.0.1:}{@value #PORT}, the address {@code latchkey-redis-app.war}'s web.xml names, without
 * persistence ({@code save ""}, {@code appendonly no}: nothing is written to disk, a restart starts
 * empty). Its output goes to a log file; it is stopped on close (and on Ctrl-C). The runner reads
 * {@code INFO} over a plain socket in RESP, the only command it sends.
 */
final class Redis implements AutoCloseable {

    /** Fixed, since the Redis WAR's web.xml names it (the WAR cannot be told a random port as the JDBC URL is). */
    static final int PORT = 16379;
    static final String HOST = "127.0.0.1";

    private final redis.embedded.RedisServer server;
    private final PrintWriter log;
    private final Thread stopOnExit;

    private Redis(redis.embedded.RedisServer server, PrintWriter log) {
        this.server = server;
        this.log = log;
        this.stopOnExit = new Thread(this::stop, "stop-redis");
        Runtime.getRuntime().addShutdownHook(stopOnExit);
    }

    /** Starts Redis, or stops the run if the port is taken or the server does not come up. */
    static Redis start(Path logFile) throws IOException {
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress(HOST, PORT));
        } catch (BindException e) {
            throw new HarnessException(HOST + ":" + PORT + " is taken (a Redis left from an earlier run?): the Redis"
                    + " case needs this port, which latchkey-redis-app.war's web.xml names; stop what listens there");
        }
        PrintWriter log = new PrintWriter(Files.newBufferedWriter(logFile), true);
        try {
            redis.embedded.RedisServer server = redis.embedded.RedisServer.newRedisServer()
                    .port(PORT)
                    .bind(HOST)
                    .setting("save \"\"")
                    .setting("appendonly no")
                    .soutListener(log::println)
                    .serrListener(log::println)
                    .build();
            server.start();
            return new Redis(server, log);
        } catch (IOException | RuntimeException e) {
            log.close();
            throw new HarnessException("Redis did not start on " + HOST + ":" + PORT + ": " + e.getMessage()
                    + "; see " + logFile);
        }
    }

    /** {@code redis_version} of {@code INFO server}. */
    String version() throws IOException {
        return info("server").lines().filter(l -> l.startsWith("redis_version:"))
                .map(l -> l.substring("redis_version:".length()).strip()).findFirst().orElse("unknown");
    }

    /** {@code INFO <section>}, on a connection of its own: the reply's text. */
    String info(String section) throws IOException {
        try (Socket socket = new Socket(HOST, PORT)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("*2\r\n$4\r\nINFO\r\n$" + section.length() + "\r\n" + section + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
            String header = line(in);
            if (!header.startsWith("$")) {
                throw new HarnessException("Redis answered INFO " + section + " with " + header);
            }
            byte[] body = new byte[Integer.parseInt(header.substring(1))];
            in.readFully(body);
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** One line of a RESP reply, without its CR LF. */
    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("Redis closed the connection");
            }
            if (b != '\r') {
                bytes.write(b);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private void stop() {
        try {
            server.stop();
        } catch (IOException e) {
            System.err.println("perf: stopping Redis failed: " + e.getMessage());
        }
        log.close();
    }

    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(stopOnExit);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway
        }
    }
}

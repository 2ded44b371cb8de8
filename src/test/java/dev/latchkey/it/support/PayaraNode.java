package dev.latchkey.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One Payara Micro process of a multi-node test, started by the test itself (no Arquillian): its own
 * port and root directory, not clustered, the WARs deployed at their context roots, everything it
 * prints in a log file (one per start). Killed with SIGKILL on demand, stopped on close and when the
 * test JVM exits.
 */
public final class PayaraNode implements AutoCloseable {

    /** A WAR file and the context root it is deployed at (no slash). */
    public record Deployment(Path war, String contextRoot) {
    }

    /** Payara Micro prints this once every deployment was tried. */
    private static final String READY = " ready in ";

    private final String name;
    private final Path jar;
    private final Path root;
    private final int port;
    private final List<String> arguments;
    private final List<Deployment> deployments;
    private final Thread stopOnExit;
    private volatile Process process;
    private Path log;
    private int starts;

    /**
     * @param arguments extra Payara Micro arguments (libraries, a post-boot command file)
     */
    public PayaraNode(String name, Path jar, Path root, int port, List<String> arguments, List<Deployment> deployments) {
        this.name = name;
        this.jar = jar;
        this.root = root;
        this.port = port;
        this.arguments = List.copyOf(arguments);
        this.deployments = List.copyOf(deployments);
        this.stopOnExit = new Thread(() -> {
            Process running = process;
            if (running != null) {
                running.destroyForcibly();
            }
        }, "stop-" + name);
        Runtime.getRuntime().addShutdownHook(stopOnExit);
    }

    /** A TCP port nobody listens on now. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Launches the process; {@link #awaitReady} then waits for it. */
    public synchronized void start() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(name + " is already running");
        }
        // C1 only and the serial collector: two nodes booting at once on two cores are ready in half the time.
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", jar.toString(), "--nocluster",
                "--port", Integer.toString(port), "--rootdir", root.toString()));
        command.addAll(arguments);
        for (Deployment d : deployments) {
            command.addAll(List.of("--deploy", d.war() + ":" + d.contextRoot()));
        }
        log = root.resolveSibling(name + "-" + (++starts) + ".log");
        try {
            Files.createDirectories(root);
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException(name + " did not start", e);
        }
    }

    /** Waits for Payara Micro's ready line; fails with the log's end if the process exits or time runs out. */
    public void awaitReady(Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            if (log().contains(READY)) {
                return;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited (" + process.exitValue() + ") before it was ready:\n" + tail());
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException(name + " was not ready after " + timeout.toSeconds() + " s:\n" + tail());
    }

    /** The application at {@code contextRoot} on this node, over loopback. */
    public URL url(String contextRoot) {
        try {
            return new URL("http://localhost:" + port + "/" + contextRoot + "/");
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(e);
        }
    }

    public String name() {
        return name;
    }

    /** The process id of the current run: the same before and after something means no restart between. */
    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        Process running = process;
        return running != null && running.isAlive();
    }

    /**
     * Kills the process as a crash would: {@link Process#destroyForcibly()}, which on Linux and macOS
     * is {@code kill(pid, SIGKILL)} — no shutdown hook, no undeployment, connections dropped.
     *
     * @return the exit value, 128 + 9 = 137 when SIGKILL ended it
     */
    public int kill() throws InterruptedException {
        Process running = process;
        running.destroyForcibly();
        if (!running.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException(name + " still runs 30 s after SIGKILL");
        }
        return running.exitValue();
    }

    /** Everything the current (or last) run printed. */
    public String log() {
        try {
            return log != null && Files.exists(log) ? Files.readString(log, StandardCharsets.ISO_8859_1) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The end of the log, to explain a failure. */
    public String tail() {
        String text = log();
        return text.length() > 6000 ? "..." + text.substring(text.length() - 6000) : text;
    }

    /** Asks the process to stop (SIGTERM), without waiting: {@link #close()} waits. */
    public void requestStop() {
        Process running = process;
        if (running != null) {
            running.destroy();
        }
    }

    @Override
    public void close() {
        Process running = process;
        if (running != null && running.isAlive()) {
            running.destroy();
            try {
                if (!running.waitFor(30, TimeUnit.SECONDS)) {
                    running.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                running.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        try {
            Runtime.getRuntime().removeShutdownHook(stopOnExit);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway
        }
    }

    @Override
    public String toString() {
        return name + " (port " + port + ")";
    }
}

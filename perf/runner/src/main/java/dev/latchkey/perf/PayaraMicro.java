package dev.latchkey.perf;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One Payara Micro process with all the WARs, its output in a log file; stopped on close (and on Ctrl-C). */
final class PayaraMicro implements AutoCloseable {

    /** A WAR and the context root it is deployed at. */
    record Deployment(Path war, String contextRoot) {
    }

    private static final Pattern VERSION = Pattern.compile("Payara Micro\\s+([0-9][0-9.]*)");

    private final Process process;
    private final Path log;
    private final Thread stopOnExit;

    private PayaraMicro(Process process, Path log) {
        this.process = process;
        this.log = log;
        this.stopOnExit = new Thread(process::destroy, "stop-payara");
        Runtime.getRuntime().addShutdownHook(stopOnExit);
    }

    static PayaraMicro start(Path jar, List<Deployment> deployments, int port, Path root, Path log,
            List<String> jvmOptions, Map<String, String> environment) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString()));
        for (Deployment d : deployments) {
            command.addAll(List.of("--deploy", d.war() + ":" + d.contextRoot()));
        }
        command.addAll(List.of("--port", Integer.toString(port), "--nocluster", "--rootdir", root.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        return new PayaraMicro(builder.start(), log);
    }

    /** Waits for Payara Micro's "ready" line, which comes after every deployment was tried. */
    void awaitReady(Duration timeout) throws IOException, InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            if (log().contains(" ready in ")) {
                return;
            }
            if (!process.isAlive()) {
                throw new HarnessException("Payara Micro exited (" + process.exitValue() + ") before it was ready; see " + log);
            }
            Thread.sleep(500);
        }
        throw new HarnessException("Payara Micro was not ready after " + timeout.toSeconds() + " s; see " + log);
    }

    String log() throws IOException {
        return Files.exists(log) ? new String(Files.readAllBytes(log), StandardCharsets.UTF_8) : "";
    }

    Path logFile() {
        return log;
    }

    Optional<String> version() throws IOException {
        Matcher m = VERSION.matcher(log());
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** The first group of the first match of {@code pattern} in the log, to explain a failed deployment. */
    Optional<String> firstMatch(Pattern pattern) {
        try {
            Matcher m = pattern.matcher(log().replaceAll("\u001b\\[[0-9;]*m", ""));
            return m.find() ? Optional.of(m.group(1).strip()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(stopOnExit);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway
        }
    }
}

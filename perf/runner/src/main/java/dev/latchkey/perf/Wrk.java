package dev.latchkey.perf;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Runs wrk with the same threads and connections for every case, {@code --latency}, and parses its report. */
final class Wrk {

    private final int threads;
    private final int connections;
    /** The wrk process running now, stopped with the runner (Ctrl-C). */
    private volatile Process running;

    Wrk(int threads, int connections) {
        this.threads = threads;
        this.connections = connections;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            Process p = running;
            if (p != null) {
                p.destroy();
            }
        }, "stop-wrk"));
    }

    WrkResult run(String url, LoadCase loadCase, int seconds) throws IOException, InterruptedException {
        return run(url, seconds, null, List.of(loadCase.wrkHeaders()));
    }

    /** Runs with a Lua script (which builds the requests itself); {@code scriptArgs} follow {@code --}. */
    WrkResult runScript(String url, int seconds, Path script, List<String> scriptArgs) throws IOException, InterruptedException {
        List<String> extra = new ArrayList<>(List.of("-s", script.toString(), url, "--"));
        extra.addAll(scriptArgs);
        return run(null, seconds, extra, List.of());
    }

    private WrkResult run(String url, int seconds, List<String> scriptPart, List<String> headers)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(Arrays.asList("wrk", "-t" + threads, "-c" + connections,
                "-d" + seconds + "s", "--timeout", "10s", "--latency"));
        command.addAll(headers);
        if (scriptPart != null) {
            command.addAll(scriptPart);
        } else {
            command.add(url);
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        running = process;
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = process.waitFor();
        running = null;
        if (exit != 0) {
            throw new HarnessException("wrk failed: " + String.join(" ", command) + "\n" + output);
        }
        return WrkResult.parse(output);
    }

    /** {@code wrk --version}'s first words, e.g. {@code wrk debian/4.1.0-3+b2 [epoll]}. */
    static String version() throws IOException, InterruptedException {
        Process process = new ProcessBuilder("wrk", "--version").redirectErrorStream(true).start();
        String first = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines()
                .findFirst().orElse("unknown");
        process.waitFor();
        int copyright = first.indexOf(" Copyright");
        return (copyright > 0 ? first.substring(0, copyright) : first).strip();
    }
}

package dev.latchkey.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Where each server under test writes its log (the build configures them so): files by folder and name prefix. */
public enum ServerLogs {
    PAYARA(Path.of(System.getProperty("servers.dir", "target/servers")), "payara-micro-test-"),
    WILDFLY(Path.of(System.getProperty("wildfly.home", "target/servers/wildfly"), "standalone", "log"), "server.log"),
    LIBERTY(Path.of(System.getProperty("liberty.home", "target/servers/wlp"), "usr", "servers", "latchkey", "logs"),
            "messages", "trace");

    private final Path folder;
    private final List<String> prefixes;

    ServerLogs(Path folder, String... prefixes) {
        this.folder = folder;
        this.prefixes = List.of(prefixes);
    }

    /** The log files present now. */
    public List<Path> files() {
        try (Stream<Path> all = Files.list(folder)) {
            return all.filter(f -> {
                String name = f.getFileName().toString();
                return !name.endsWith(".lck") && prefixes.stream().anyMatch(name::startsWith);
            }).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How long each log file is now, to read only what is written after. */
    public Map<Path, Long> mark() {
        Map<Path, Long> sizes = new HashMap<>();
        for (Path file : files()) {
            sizes.put(file, file.toFile().length());
        }
        return sizes;
    }

    /** Everything logged since {@code mark} (all of a file that is new or was rewritten). */
    public String since(Map<Path, Long> mark) {
        StringBuilder text = new StringBuilder();
        for (Path file : files()) {
            String content = readFile(file);
            long from = mark.getOrDefault(file, 0L);
            text.append(from <= content.length() ? content.substring((int) from) : content);
        }
        return text.toString();
    }

    /** Everything logged so far. */
    public String read() {
        return since(Map.of());
    }

    private static String readFile(Path file) {
        try {
            return Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

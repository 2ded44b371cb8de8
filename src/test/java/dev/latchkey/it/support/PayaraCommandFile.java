package dev.latchkey.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A command file from payara-config/ as a user runs it, with its placeholder connection values swapped for a test database's. */
public final class PayaraCommandFile {

    private PayaraCommandFile() {
    }

    /**
     * Writes payara-config/{@code name}.asadmin to {@code target} with {@code shippedConnection}
     * replaced by {@code testConnection}.
     *
     * @throws IllegalStateException when the shipped file no longer has its placeholder values
     */
    public static Path write(String name, String shippedConnection, String testConnection, Path target) {
        try {
            String commands = Files.readString(Path.of("payara-config", name + ".asadmin"));
            if (!commands.contains(shippedConnection)) {
                throw new IllegalStateException("payara-config/" + name + ".asadmin no longer has its placeholder values "
                        + shippedConnection);
            }
            Files.createDirectories(target.toAbsolutePath().getParent());
            Files.writeString(target, commands.replace(shippedConnection, testConnection));
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package dev.latchkey.jpa;

import jakarta.persistence.EntityManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;

/**
 * Runs one of the SQL scripts shipped in the jar, statement by statement, in one transaction.
 *
 * <p>Internal: used by Latchkey's stores.
 *
 * @hidden
 */
public final class SqlScripts {

    private SqlScripts() {
    }

    /**
     * Runs the script at class-path resource {@code resource}. Lines starting with {@code --} are
     * comments; statements end with {@code ;}.
     */
    public static void run(EntityManagerFactory emf, String resource) {
        String text;
        try (InputStream in = SqlScripts.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Latchkey: the script " + resource + " is missing from the jar");
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String sql = text.lines().filter(l -> !l.strip().startsWith("--")).collect(Collectors.joining("\n"));
        Transactions.resourceLocal(emf).write(em -> {
            for (String statement : sql.split(";")) {
                if (!statement.isBlank()) {
                    em.createNativeQuery(statement.strip()).executeUpdate();
                }
            }
            return null;
        });
    }
}

package dev.latchkey.internal.jpa;

import jakarta.persistence.EntityManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;

/**
 * Runs one of the SQL scripts shipped in the jar, statement by statement, in one transaction.
 */
public final class SqlScripts {

    private SqlScripts() {
    }

    /**
     * Creates what is missing with the script at {@code resource}, then runs {@code check}. Nodes
     * starting together on an empty database may all try: when the script fails, the check decides —
     * if another node created the table meanwhile, it passes and the failure is forgotten; otherwise
     * the script's failure is thrown, with the check's attached.
     *
     * @return what the check returns
     */
    public static <T> T createThenCheck(EntityManagerFactory emf, String resource, java.util.function.Supplier<T> check) {
        try {
            run(emf, resource);
        } catch (RuntimeException scriptFailed) {
            try {
                return check.get();
            } catch (RuntimeException stillMissing) {
                scriptFailed.addSuppressed(stillMissing);
                throw scriptFailed;
            }
        }
        return check.get();
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

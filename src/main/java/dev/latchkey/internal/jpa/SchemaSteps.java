package dev.latchkey.internal.jpa;

import dev.latchkey.core.Message;
import dev.latchkey.core.MessageId;
import jakarta.persistence.EntityManagerFactory;
import java.util.List;
import java.util.function.Supplier;

/**
 * The tables of an optional module at start: each shipped script is run when what it creates is missing and
 * creating is allowed; otherwise the start stops, naming the script ({@code LK-403}, or the module's own id).
 */
public final class SchemaSteps {

    /**
     * A script, the table and column it adds (looked up first), and a statement that reads them.
     *
     * @param nativeSql whether {@code probe} is SQL rather than JPQL
     */
    public record Step(String script, String table, String column, String probe, boolean nativeSql) {
    }

    private SchemaSteps() {
    }

    /**
     * Makes sure every step's table and column are there.
     *
     * @param what the tables, for the message, such as {@code the built-in accounts' tables}
     * @throws IllegalStateException when one is missing and may not, or cannot, be created
     */
    public static void ensure(EntityManagerFactory emf, DatabaseProduct database, boolean createMissing, List<Step> steps,
            String what) {
        ensure(emf, database, createMissing, steps, what, Message.SCHEMA_PROBLEM);
    }

    /** As {@link #ensure(EntityManagerFactory, DatabaseProduct, boolean, List, String)}, stopping with {@code message}. */
    public static void ensure(EntityManagerFactory emf, DatabaseProduct database, boolean createMissing, List<Step> steps,
            String what, MessageId message) {
        Transactions transactions = Transactions.resourceLocal(emf);
        for (Step step : steps) {
            Supplier<Object> probe = () -> transactions.read(em -> (step.nativeSql()
                    ? em.createNativeQuery(step.probe()) : em.createQuery(step.probe())).getSingleResult());
            try {
                if (database.lacks(transactions, step.table(), step.column())) {
                    throw new IllegalStateException(step.table() + "." + step.column() + " is not there");
                }
                probe.get();
            } catch (RuntimeException missing) {
                String script = database.script(step.script());
                if (!createMissing || script == null) {
                    throw new IllegalStateException(message.error(what + " are missing or lack what the script "
                            + database.scriptToName(step.script()) + " adds"), missing);
                }
                SqlScripts.createThenCheck(emf, script, probe);
            }
        }
    }
}

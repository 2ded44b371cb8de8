package dev.latchkey.account;

import dev.latchkey.core.Message;
import dev.latchkey.internal.jpa.DatabaseProduct;
import dev.latchkey.internal.jpa.SqlScripts;
import dev.latchkey.internal.jpa.Transactions;
import jakarta.persistence.EntityManagerFactory;
import java.util.List;

/**
 * The built-in accounts' tables at start: each shipped script (V2 creates {@code latchkey_account}, V3
 * adds {@code disabled_at}, V4 creates {@code latchkey_account_link}, V5 {@code latchkey_account_token}
 * when tokens are kept) is run when what it creates is missing and creating is allowed; otherwise the
 * start stops, naming the script.
 */
final class AccountSchema {

    /** A script, the table and column it adds (looked up first), and the statement that reads them. */
    private record Step(String script, String table, String column, String probe, boolean nativeSql) {
    }

    private static final List<Step> STEPS = List.of(
            new Step("V2__create_latchkey_account.sql", "latchkey_account", "user_name",
                    "SELECT COUNT(a.userName) FROM LatchkeyAccount a", false),
            new Step("V3__add_latchkey_account_disabled_at.sql", "latchkey_account", "disabled_at",
                    "SELECT COUNT(a.disabledAt) FROM LatchkeyAccount a", false),
            new Step("V4__create_latchkey_account_link.sql", "latchkey_account_link", "provider",
                    "SELECT COUNT(*) FROM latchkey_account_link", true));

    /** Only with provider tokens kept ({@code latchkey.accounts.token-key}). */
    private static final List<Step> TOKEN_STEPS = List.of(
            new Step("V5__create_latchkey_account_token.sql", "latchkey_account_token", "sealed",
                    "SELECT COUNT(*) FROM latchkey_account_token", true));

    private AccountSchema() {
    }

    static void ensure(EntityManagerFactory emf, DatabaseProduct database, boolean createMissing) {
        ensure(emf, database, createMissing, STEPS);
    }

    /** The table of kept provider tokens. */
    static void ensureTokens(EntityManagerFactory emf, DatabaseProduct database, boolean createMissing) {
        ensure(emf, database, createMissing, TOKEN_STEPS);
    }

    private static void ensure(EntityManagerFactory emf, DatabaseProduct database, boolean createMissing, List<Step> steps) {
        Transactions transactions = Transactions.resourceLocal(emf);
        for (Step step : steps) {
            java.util.function.Supplier<Object> probe = () -> transactions.read(em -> (step.nativeSql()
                    ? em.createNativeQuery(step.probe()) : em.createQuery(step.probe())).getSingleResult());
            try {
                if (database.lacks(transactions, step.table(), step.column())) {
                    throw new IllegalStateException(step.table() + "." + step.column() + " is not there");
                }
                probe.get();
            } catch (RuntimeException missing) {
                String script = database.script(step.script());
                if (!createMissing || script == null) {
                    throw new IllegalStateException(Message.SCHEMA_PROBLEM.error("the built-in accounts' tables are missing or"
                            + " lack what the script " + database.scriptToName(step.script()) + " adds"), missing);
                }
                SqlScripts.createThenCheck(emf, script, probe);
            }
        }
    }
}

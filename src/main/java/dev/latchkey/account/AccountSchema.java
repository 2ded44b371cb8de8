package dev.latchkey.account;

import dev.latchkey.core.Message;
import dev.latchkey.jpa.DatabaseProduct;
import dev.latchkey.jpa.SqlScripts;
import dev.latchkey.jpa.Transactions;
import jakarta.persistence.EntityManagerFactory;
import java.util.List;

/**
 * The {@code latchkey_account} table at start: each shipped script (V2 creates the table, V3 adds
 * {@code disabled_at}) is run when what it creates is missing and creating is allowed; otherwise
 * the start stops, naming the script.
 */
final class AccountSchema {

    private record Step(String script, String probe) {
    }

    private static final List<Step> STEPS = List.of(
            new Step("V2__create_latchkey_account.sql", "SELECT COUNT(a.userName) FROM LatchkeyAccount a"),
            new Step("V3__add_latchkey_account_disabled_at.sql", "SELECT COUNT(a.disabledAt) FROM LatchkeyAccount a"));

    private AccountSchema() {
    }

    static void ensure(EntityManagerFactory emf, DatabaseProduct database, boolean createMissing) {
        Transactions transactions = Transactions.resourceLocal(emf);
        for (Step step : STEPS) {
            try {
                transactions.read(em -> em.createQuery(step.probe()).getSingleResult());
            } catch (RuntimeException missing) {
                String script = database.script(step.script());
                if (!createMissing || script == null) {
                    throw new IllegalStateException(Message.SCHEMA_PROBLEM.error("the table latchkey_account is missing or"
                            + " lacks what the script " + (script == null ? DatabaseProduct.SCHEMA_FOLDER
                            + "{postgresql,mariadb,h2}/" + step.script() : script) + " adds"), missing);
                }
                SqlScripts.run(emf, script);
            }
        }
    }
}

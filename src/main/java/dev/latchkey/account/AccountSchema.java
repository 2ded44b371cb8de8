package dev.latchkey.account;

import dev.latchkey.internal.jpa.DatabaseProduct;
import dev.latchkey.internal.jpa.SchemaSteps;
import dev.latchkey.internal.jpa.SchemaSteps.Step;
import dev.latchkey.recovery.RecoveryMessage;
import jakarta.persistence.EntityManagerFactory;
import java.util.List;

/**
 * The built-in accounts' tables at start: each shipped script (V2 creates {@code latchkey_account}, V3
 * adds {@code disabled_at}, V4 creates {@code latchkey_account_link}, V5 {@code latchkey_account_token}
 * when tokens are kept, V7 the address columns when recovery is on) is run when what it creates is missing and creating is allowed; otherwise the
 * start stops, naming the script.
 */
final class AccountSchema {

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

    /** Only with recovery on ({@code latchkey.recovery.enabled}): each account's e-mail address. */
    private static final List<Step> ADDRESS_STEPS = List.of(
            new Step("V7__add_latchkey_account_email.sql", "latchkey_account", "email",
                    "SELECT COUNT(email_verified_at) FROM latchkey_account", true));

    private AccountSchema() {
    }

    static void ensure(EntityManagerFactory emf, DatabaseProduct database, boolean createMissing) {
        ensure(emf, database, createMissing, STEPS);
    }

    /** The table of kept provider tokens. */
    static void ensureTokens(EntityManagerFactory emf, DatabaseProduct database, boolean createMissing) {
        ensure(emf, database, createMissing, TOKEN_STEPS);
    }

    /** The address columns of the accounts. */
    static void ensureAddresses(EntityManagerFactory emf, DatabaseProduct database, boolean createMissing) {
        SchemaSteps.ensure(emf, database, createMissing, ADDRESS_STEPS, "the accounts' address columns",
                RecoveryMessage.RECOVERY_SCHEMA);
    }

    private static void ensure(EntityManagerFactory emf, DatabaseProduct database, boolean createMissing, List<Step> steps) {
        SchemaSteps.ensure(emf, database, createMissing, steps, "the built-in accounts' tables");
    }
}

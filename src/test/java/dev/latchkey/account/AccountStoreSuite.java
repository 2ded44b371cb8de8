package dev.latchkey.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latchkey.cdi.CurrentUser;
import dev.latchkey.core.IssuedSession;
import dev.latchkey.core.Latchkey;
import dev.latchkey.core.LatchkeyConfig;
import dev.latchkey.core.NewSession;
import dev.latchkey.core.Reason;
import dev.latchkey.core.Session;
import dev.latchkey.core.InMemorySessionStore;
import dev.latchkey.testing.MutableClock;
import dev.latchkey.testing.Provider;
import dev.latchkey.testing.TestDatabase;
import jakarta.persistence.EntityManagerFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The built-in account store on a real database under a real provider: the shipped scripts, sign-in
 * checks, names as stored, concurrent registration, disabled and deleted accounts, groups that reach
 * live sessions. One small subclass per database and provider.
 */
public abstract class AccountStoreSuite {

    private static final Map<Class<?>, EntityManagerFactory> UNITS = new HashMap<>();
    private static final char[] PASSWORD = "correct horse battery".toCharArray();

    protected abstract TestDatabase database();

    protected abstract Provider provider();

    private final MutableClock clock = new MutableClock(Instant.parse("2026-06-01T12:00:00Z"));
    private final PasswordHasher hasher = new PasswordHasher(4);
    private AccountStore store;
    private Latchkey latchkey;
    private Accounts accounts;

    private EntityManagerFactory unit() {
        synchronized (UNITS) {
            return UNITS.computeIfAbsent(getClass(), k -> provider().open(database().dataSource(), false));
        }
    }

    @AfterAll
    static void closeUnits() {
        synchronized (UNITS) {
            UNITS.values().forEach(EntityManagerFactory::close);
            UNITS.clear();
        }
    }

    @BeforeEach
    void openStore() {
        store = AccountStore.open(unit(), hasher, clock, database().product(), true);
        database().execute("DELETE FROM latchkey_account");
        latchkey = new Latchkey(new InMemorySessionStore(), clock, LatchkeyConfig.defaults());
        accounts = new Accounts() {
            @Override
            AccountStore store() {
                return store;
            }
        };
        accounts.latchkey = latchkey;
        accounts.user = new Anonymous();
    }

    // ---- the table ----

    @Test
    void aMissingTableStopsTheStartNamingTheScriptOrIsCreatedFromIt() {
        database().execute("DROP TABLE latchkey_account");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> AccountStore.open(unit(), hasher, clock, database().product(), false));
        assertTrue(e.getMessage().contains(database().product().script("V2__create_latchkey_account.sql")), e.getMessage());
        AccountStore.open(unit(), hasher, clock, database().product(), true);
        assertTrue(store.create("alice", PASSWORD, Set.of("user")));
    }

    @Test
    void aTableWithoutTheDisabledColumnIsCompletedFromTheV3Script() {
        database().execute(String.format(database().dropColumnSql(), "latchkey_account", "disabled_at"));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> AccountStore.open(unit(), hasher, clock, database().product(), false));
        assertTrue(e.getMessage().contains(database().product().script("V3__add_latchkey_account_disabled_at.sql")),
                e.getMessage());
        AccountStore.open(unit(), hasher, clock, database().product(), true);
        assertTrue(store.create("alice", PASSWORD, Set.of("user")));
        assertTrue(store.setDisabled("alice", true));
    }

    // ---- sign-in checks ----

    @Test
    void theRightPasswordSignsInWithTheAccountsGroups() {
        assertEquals(Accounts.Registration.CREATED, accounts.register("alice", PASSWORD, Set.of("user", "admin")));
        AccountStore.Check check = store.check("alice", PASSWORD);
        assertTrue(check.valid());
        assertEquals("alice", check.name());
        assertEquals(Set.of("user", "admin"), check.groups());
        assertFalse(store.check("alice", "wrong".toCharArray()).valid());
        assertFalse(store.check("nobody", PASSWORD).valid());
    }

    @Test
    void theCallerIsTheAccountAsStoredWhateverSpellingTheDatabaseMatched() {
        accounts.register("alice", PASSWORD, Set.of("user"));
        AccountStore.Check typedWithSpace = store.check("alice ", PASSWORD);
        assertEquals(database().ignoresTrailingSpaces(), typedWithSpace.valid(), "what the collation matches");
        if (typedWithSpace.valid()) {
            assertEquals("alice", typedWithSpace.name(), "named as stored, not as typed");
            // so the user's own sessions are found under that name: "revoke" works
            IssuedSession session = latchkey.createSession(NewSession.forUser(typedWithSpace.name()));
            assertTrue(latchkey.invalidateUserSession("alice", session.session().id()));
        }
        assertEquals(Optional.of("alice"), store.storedName("alice"));
        assertEquals(database().ignoresTrailingSpaces(), accounts.exists("alice "));
    }

    @Test
    void namesNoAccountCanHaveAreAnsweredWithoutAskingTheDatabase() {
        accounts.register("alice", PASSWORD, Set.of("user"));
        for (String name : new String[] {"al\u0000ice", "alice\u0000", "a\u0001", "x".repeat(300), "\ud800", "", null}) {
            assertFalse(store.check(name, PASSWORD).valid());
            assertFalse(accounts.exists(name));
            assertFalse(accounts.disable(name));
            assertFalse(accounts.delete(name));
            assertFalse(accounts.setGroups(name, Set.of("user")));
            assertEquals(Accounts.Registration.NAME_INVALID, accounts.register(name, PASSWORD, Set.of("user")));
        }
        for (String name : new String[] {" alice", "alice ", "\talice"}) {
            assertEquals(Accounts.Registration.NAME_INVALID, accounts.register(name, PASSWORD, Set.of("user")),
                    "white space at either end");
        }
        assertTrue(store.check("alice", PASSWORD).valid());
    }

    @Test
    void concurrentRegistrationsOfOneNameCreateOneAccountAndReportTheOthersAsTaken() throws Exception {
        int threads = 8;
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Accounts.Registration>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                char[] password = ("password number " + i).toCharArray();
                results.add(pool.submit(() -> {
                    start.await();
                    return accounts.register("race", password, Set.of("user"));
                }));
            }
            List<Accounts.Registration> outcomes = new ArrayList<>();
            for (Future<Accounts.Registration> result : results) {
                outcomes.add(result.get());
            }
            assertEquals(1, outcomes.stream().filter(r -> r == Accounts.Registration.CREATED).count(), outcomes::toString);
            assertEquals(threads - 1, outcomes.stream().filter(r -> r == Accounts.Registration.NAME_TAKEN).count(),
                    outcomes::toString);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void passwordsOfAnyCompositionFromEightTo1024CharactersAreTakenAsTyped() {
        String[] accepted = {"12345678", "        ", "pass phrase with spaces", "\u00e9\u00e8\u00ea\u4e2d\u6587\ud83d\ude00x",
            "P".repeat(64), "x".repeat(Accounts.MAX_PASSWORD_LENGTH)};
        for (int i = 0; i < accepted.length; i++) {
            char[] password = accepted[i].toCharArray();
            assertEquals(Accounts.Registration.CREATED, accounts.register("composed-" + i, password, Set.of("user")));
            assertTrue(store.check("composed-" + i, password).valid(), accepted[i]);
            assertFalse(store.check("composed-" + i, accepted[i].toUpperCase().toCharArray()).valid()
                    && !accepted[i].equals(accepted[i].toUpperCase()), "no case folding");
        }
        assertFalse(store.check("composed-5", "x".repeat(Accounts.MAX_PASSWORD_LENGTH - 1).toCharArray()).valid(),
                "a long password is not truncated");
        assertEquals(Accounts.Registration.PASSWORD_INVALID, accounts.register("short", "1234567".toCharArray(), Set.of()));
        assertEquals(Accounts.Registration.PASSWORD_INVALID,
                accounts.register("long", "x".repeat(Accounts.MAX_PASSWORD_LENGTH + 1).toCharArray(), Set.of()));
    }

    // ---- groups, disabling, deleting: at once on live sessions ----

    @Test
    void changedGroupsReachTheSessionsAlreadySignedIn() {
        accounts.register("ann", PASSWORD, Set.of("user", "admin"));
        IssuedSession laptop = latchkey.createSession(NewSession.forUser("ann").groups(Set.of("user", "admin")));
        IssuedSession phone = latchkey.createSession(NewSession.forUser("ann").groups(Set.of("user", "admin")));
        assertTrue(accounts.setGroups("ann", Set.of("user")));
        assertEquals(Set.of("user"), groupsOf(laptop));
        assertEquals(Set.of("user"), groupsOf(phone));
        assertEquals(Set.of("user"), store.check("ann", PASSWORD).groups(), "and the next sign-in");
        assertFalse(accounts.setGroups("nobody", Set.of("user")));
    }

    private Set<String> groupsOf(IssuedSession issued) {
        return latchkey.validateSession(issued.token()).session().map(Session::groups).orElseThrow();
    }

    @Test
    void groupNamesThatWouldSplitOrHideAreRefused() {
        for (String group : new String[] {"team\nadmin", "tab\tgroup", "", "x".repeat(101), "bad\ud800"}) {
            assertThrows(IllegalArgumentException.class, () -> accounts.register("gil", PASSWORD, Set.of(group)), group);
        }
        assertFalse(accounts.exists("gil"), "nothing was created");
        accounts.register("gil", PASSWORD, Set.of("user"));
        assertThrows(IllegalArgumentException.class, () -> accounts.setGroups("gil", Set.of("team\nadmin")));
        assertEquals(Set.of("user"), store.check("gil", PASSWORD).groups());
    }

    @Test
    void aDisabledAccountCannotSignInAndLosesEverySession() {
        accounts.register("dora", PASSWORD, Set.of("user"));
        IssuedSession session = latchkey.createSession(NewSession.forUser("dora"));
        assertTrue(accounts.disable("dora"));
        assertTrue(accounts.isDisabled("dora"));
        assertEquals(Reason.UNKNOWN_SESSION, latchkey.validateSession(session.token()).rejection().orElseThrow());
        assertFalse(store.check("dora", PASSWORD).valid(), "the right password no longer signs in");
        assertTrue(accounts.enable("dora"));
        assertTrue(store.check("dora", PASSWORD).valid());
        assertFalse(accounts.disable("nobody"));
    }

    @Test
    void aDeletedAccountIsGoneWithEverySession() {
        accounts.register("ed", PASSWORD, Set.of("user"));
        IssuedSession session = latchkey.createSession(NewSession.forUser("ed"));
        assertTrue(accounts.delete("ed"));
        assertFalse(accounts.exists("ed"));
        assertFalse(latchkey.validateSession(session.token()).isValid());
        assertFalse(store.check("ed", PASSWORD).valid());
        assertFalse(accounts.delete("ed"));
    }

    // ---- password hashes of an older cost ----

    @Test
    void aHashOfAnOlderCostStillSignsInAndIsReplaced() {
        PasswordHasher older = new PasswordHasher(4);
        PasswordHasher current = new PasswordHasher(5);
        AccountStore before = AccountStore.open(unit(), older, clock, database().product(), true);
        before.create("old", PASSWORD, Set.of("user"));
        AccountStore after = AccountStore.open(unit(), current, clock, database().product(), true);
        assertTrue(after.check("old", PASSWORD).valid());
        assertTrue(after.check("old", PASSWORD).valid(), "and again, with the new hash");
        PasswordHasher higher = new PasswordHasher(4);
        AccountStore.open(unit(), higher, clock, database().product(), true);
        assertEquals(5, higher.timingCost(), "the highest stored cost sets the time of every check");
    }

    /** Nobody signed in: {@link Accounts} only asks the current user for password changes. */
    private static final class Anonymous implements CurrentUser {
        @Override
        public boolean isSignedIn() {
            return false;
        }

        @Override
        public String id() {
            throw new IllegalStateException("nobody is signed in");
        }

        @Override
        public String name() {
            return id();
        }

        @Override
        public Set<String> groups() {
            return Set.of();
        }

        @Override
        public boolean isInGroup(String group) {
            return false;
        }

        @Override
        public Optional<Session> session() {
            return Optional.empty();
        }

        @Override
        public Optional<Instant> authenticatedAt() {
            return Optional.empty();
        }
    }
}

package dev.latchkey.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latchkey.core.InMemorySessionStore;
import dev.latchkey.core.IssuedSession;
import dev.latchkey.core.Latchkey;
import dev.latchkey.core.LatchkeyConfig;
import dev.latchkey.core.NewSession;
import dev.latchkey.core.Reason;
import dev.latchkey.core.Session;
import dev.latchkey.oauth.OAuthReason;
import dev.latchkey.oauth.OAuthRefusal;
import dev.latchkey.oauth.OAuthUser;
import dev.latchkey.oauth.ProviderIdentity;
import dev.latchkey.oauth.ProviderTokens;
import dev.latchkey.testing.Instances;
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
import java.util.function.Supplier;
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

    private final Supplier<TestDatabase> database;
    private final Provider provider;

    /**
     * @param database the database, started when a test first asks for it
     * @param provider the JPA provider
     */
    protected AccountStoreSuite(Supplier<TestDatabase> database, Provider provider) {
        this.database = database;
        this.provider = provider;
    }

    private TestDatabase database() {
        return database.get();
    }

    private Provider provider() {
        return provider;
    }

    private final MutableClock clock = new MutableClock(Instant.parse("2026-06-01T12:00:00Z"));
    private final PasswordHasher hasher = new PasswordHasher(4);
    private AccountStore store;
    private AccountLinks links;
    private AccountTokens tokens;
    private AccountOAuthUsers oauth;
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
        database().execute("DELETE FROM latchkey_account_link");
        links = new AccountLinks(unit(), clock);
        latchkey = new Latchkey(new InMemorySessionStore(), clock, LatchkeyConfig.defaults());
        HandWiredAccounts wired = new HandWiredAccounts(store, links, () -> tokens, latchkey);
        oauth = wired.oauth;
        accounts = wired.accounts;
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
        String[] accepted = {"90817263", "        ", "pass phrase with spaces", "\u00e9\u00e8\u00ea\u4e2d\u6587\ud83d\ude00xy",
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

    @Test
    void commonPasswordsTheNameAndTheApplicationsRulesAreRefusedNamingTheRule() {
        Map<String, String> refused = new java.util.LinkedHashMap<>();
        refused.put("qwertyuiop", "common");
        refused.put("TrustNo1", "common");
        refused.put("iloveyou", "common");
        refused.put("\ud83d\ude00\ud83d\ude00\ud83d\ude00\ud83d\ude00", "min-length");
        refused.put("Rule-Tester-1", "same-as-name");
        for (Map.Entry<String, String> entry : refused.entrySet()) {
            char[] password = entry.getKey().toCharArray();
            PasswordRefusal refusal = accounts.checkPassword("rule-tester-1", password).orElseThrow(() ->
                    new AssertionError("accepted: " + entry.getValue()));
            assertEquals(entry.getValue(), refusal.rule());
            assertFalse(refusal.message().contains(entry.getKey()), "the password is never echoed");
            assertEquals(Accounts.Registration.PASSWORD_INVALID, accounts.register("rule-tester-1", password, Set.of()));
        }
        assertEquals(Optional.empty(), accounts.checkPassword("someone", "\ud83d\ude00".repeat(8).toCharArray()),
                "eight emoji are eight characters");
        assertEquals(Optional.empty(), accounts.checkPassword("someone", "Ünïcödé-Pässwört".toCharArray()));

        PasswordRefusal breached = new PasswordRefusal("breached", "This password appeared in a data breach.");
        accounts.policies = Instances.of(List.<PasswordPolicy>of((account, password) ->
                new String(password).equals("tr0ub4dor&3x") ? Optional.of(breached) : Optional.empty()));
        assertEquals(Optional.of(breached), accounts.checkPassword("someone", "tr0ub4dor&3x".toCharArray()));
        assertEquals(Accounts.Registration.PASSWORD_INVALID, accounts.register("someone", "tr0ub4dor&3x".toCharArray(), Set.of()));
        assertEquals(Accounts.Registration.CREATED, accounts.register("someone", "tr0ub4dor&4y".toCharArray(), Set.of()));
    }

    @Test
    void theMinimumLengthIsASettingOfEightOrMore() {
        assertEquals(12, new PasswordRules(12).minLength());
        assertEquals("min-length", new PasswordRules(12).check("x", "elevenchars".toCharArray()).orElseThrow().rule());
        assertEquals(Optional.empty(), new PasswordRules(12).check("x", "twelve chars".toCharArray()));
        assertThrows(IllegalArgumentException.class, () -> new PasswordRules(7), "ASVS 6.2.1: at least 8");
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

    // ---- provider identities (OAuth, OpenID Connect) ----

    private static ProviderIdentity identity(String provider, String subject, String email, boolean verified) {
        return new ProviderIdentity(provider, subject, email, verified, "Some One");
    }

    @Test
    void aNewProviderIdentityGetsAnAccountWithoutAPasswordAndSignsInToItAgain() {
        OAuthUser first = oauth.signIn(identity("github", "101", "Nia@Example.com", true)).orElseThrow();
        assertEquals(new OAuthUser("nia@example.com", Set.of("user")), first, "named by the address in lower case");
        assertTrue(store.exists("nia@example.com"));
        assertFalse(store.hasPassword("nia@example.com"));
        for (String guess : List.of("!", "", "correct horse battery")) {
            assertFalse(store.check("nia@example.com", guess.toCharArray()).valid(), "no password signs in: " + guess);
        }
        assertEquals(List.of("github"), links.of("nia@example.com").stream().map(AccountLinks.Link::provider).toList());
        assertEquals(Instant.parse("2026-06-01T12:00:00Z"), links.of("nia@example.com").get(0).linkedAt());
        OAuthUser again = oauth.signIn(identity("github", "101", "nia@elsewhere.example", true)).orElseThrow();
        assertEquals("nia@example.com", again.userId(), "the link decides, not the address");
        assertEquals(1L, store.count());
    }

    @Test
    void anAccountWithTheSameAddressIsNeverMergedSilently() {
        accounts.register("mo@example.com", PASSWORD, Set.of("user", "admin"));
        for (String email : List.of("mo@example.com", "MO@Example.COM")) {
            OAuthRefusal refusal = assertThrows(OAuthRefusal.class, () -> oauth.signIn(identity("google", "g-7", email, true)));
            assertEquals(OAuthReason.OAUTH_LINK_REQUIRED, refusal.reason());
        }
        assertEquals(List.of(), links.of("mo@example.com"));
        assertEquals(1L, store.count());

        assertTrue(oauth.link(identity("google", "g-7", "mo@example.com", true), "mo@example.com"), "its owner links it");
        assertEquals(new OAuthUser("mo@example.com", Set.of("user", "admin")),
                oauth.signIn(identity("google", "g-7", "mo@example.com", true)).orElseThrow());
        accounts.register("other", PASSWORD, Set.of("user"));
        assertFalse(oauth.link(identity("google", "g-7", "mo@example.com", true), "other"), "one identity, one account");
        assertTrue(oauth.link(identity("google", "g-7", "mo@example.com", true), "mo@example.com"), "linking again is fine");
        assertFalse(oauth.link(identity("google", "g-8", null, false), "nobody"), "no link to an account that does not exist");
    }

    @Test
    void anIdentityWithoutAVerifiedAddressGetsNoAccount() {
        for (ProviderIdentity unverified : List.of(identity("github", "5", "eve@example.com", false),
                identity("github", "5", null, false), identity("github", "5", " spaced@example.com", true))) {
            OAuthRefusal refusal = assertThrows(OAuthRefusal.class, () -> oauth.signIn(unverified));
            assertEquals(OAuthReason.OAUTH_EMAIL_NOT_VERIFIED, refusal.reason());
        }
        assertEquals(0L, store.count());
    }

    @Test
    void aDisabledAccountCannotSignInThroughAProvider() {
        oauth.signIn(identity("github", "9", "dis@example.com", true)).orElseThrow();
        accounts.disable("dis@example.com");
        assertEquals(Optional.empty(), oauth.signIn(identity("github", "9", "dis@example.com", true)));
    }

    @Test
    void concurrentFirstSignInsOfOneIdentityMakeOneAccount() throws Exception {
        int threads = 6;
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Optional<OAuthUser>>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return oauth.signIn(identity("github", "77", "race@example.com", true));
                }));
            }
            for (Future<Optional<OAuthUser>> result : results) {
                assertEquals("race@example.com", result.get().orElseThrow().userId());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1L, store.count());
        assertEquals(1, links.of("race@example.com").size());
    }

    @Test
    void linkedProvidersAreListedAndUnlinkedButNeverTheLastWayIn() {
        oauth.signIn(identity("github", "31", "lin@example.com", true)).orElseThrow();
        accounts.user = new TestUser("lin@example.com");
        assertFalse(accounts.unlinkProvider("github"), "an account without a password keeps its last provider");
        assertTrue(oauth.link(identity("google", "g-31", "lin@example.com", true), "lin@example.com"));
        assertEquals(List.of("github", "google"), accounts.linkedProviders().stream().map(Accounts.LinkedProvider::provider).toList());
        assertEquals("g-31", accounts.linkedProviders().get(1).subject());
        assertTrue(accounts.unlinkProvider("github"));
        assertFalse(accounts.unlinkProvider("github"), "gone already");
        assertEquals(List.of("google"), accounts.linkedProviders().stream().map(Accounts.LinkedProvider::provider).toList());

        accounts.register("pw", PASSWORD, Set.of("user"));
        oauth.link(identity("github", "32", null, false), "pw");
        accounts.user = new TestUser("pw");
        assertTrue(accounts.unlinkProvider("github"), "an account with a password can drop every provider");
        assertEquals(List.of(), accounts.linkedProviders());
        accounts.user = new TestUser(null);
        assertEquals(List.of(), accounts.linkedProviders());
        assertFalse(accounts.unlinkProvider("google"));
    }

    @Test
    void unlinkingNeedsARecentSignInAsLinkingDoes() {
        accounts.register("old", PASSWORD, Set.of("user"));
        oauth.link(identity("github", "33", null, false), "old");
        accounts.user = new TestUser("old", false);
        assertThrows(dev.latchkey.core.RecentSignInRequiredException.class, () -> accounts.unlinkProvider("github"));
        assertEquals(1, links.of("old").size(), "a stolen session cannot remove a way in");
    }

    /**
     * An account without a password and two providers, unlinked from two requests at once, on two nodes
     * (two units): one unlink wins, the other is refused, and the account keeps a way in.
     */
    @Test
    void twoUnlinksAtOnceNeverLeaveAnAccountWithoutAWayIn() throws Exception {
        EntityManagerFactory other = provider().open(database().dataSource(), false);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            AccountLinks otherNode = new AccountLinks(other, clock);
            for (int round = 0; round < 10; round++) {
                String name = "both" + round + "@example.com";
                oauth.signIn(identity("github", "gh-" + round, name, true)).orElseThrow();
                assertTrue(oauth.link(identity("google", "g-" + round, name, true), name));
                CyclicBarrier start = new CyclicBarrier(2);
                Future<Boolean> github = pool.submit(() -> {
                    start.await();
                    return links.unlinkUnlessLast(name, "github");
                });
                Future<Boolean> google = pool.submit(() -> {
                    start.await();
                    return otherNode.unlinkUnlessLast(name, "google");
                });
                assertTrue(github.get() ^ google.get(), "round " + round + ": exactly one of the two unlinks");
                assertEquals(1, links.of(name).size(), "round " + round + ": one way in is left");
            }
        } finally {
            pool.shutdownNow();
            other.close();
        }
    }

    @Test
    void deletingAnAccountRemovesItsLinks() {
        oauth.signIn(identity("github", "41", "del@example.com", true)).orElseThrow();
        assertTrue(accounts.delete("del@example.com"));
        assertEquals(List.of(), links.of("del@example.com"));
        assertEquals("del@example.com", oauth.signIn(identity("github", "41", "del@example.com", true)).orElseThrow().userId(),
                "the identity is new again and gets a new account");
    }

    @Test
    void aMissingLinkTableStopsTheStartNamingTheV4ScriptOrIsCreatedFromIt() {
        database().execute("DROP TABLE latchkey_account_link");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> AccountStore.open(unit(), hasher, clock, database().product(), false));
        assertTrue(e.getMessage().contains(database().product().script("V4__create_latchkey_account_link.sql")), e.getMessage());
        AccountStore.open(unit(), hasher, clock, database().product(), true);
        assertTrue(links.link("github", "1", "x@example.com", "x"));
    }

    @Test
    void keptProviderTokensAreSealedInTheTableAndForgottenWithTheLinkOrTheAccount() {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        tokens = AccountTokens.open(unit(), TokenSeal.of(java.util.Base64.getEncoder().encodeToString(key)), clock,
                database().product(), true);
        database().execute("DELETE FROM latchkey_account_token");
        assertTrue(oauth.keepsTokens());
        ProviderTokens given = new ProviderTokens("gho_" + "x".repeat(3000), "ghr_refresh", Instant.parse("2026-06-01T20:00:00Z"),
                List.of("read:user"));
        ProviderIdentity gitHub = identity("github", "51", "tok@example.com", true);
        oauth.signIn(gitHub).orElseThrow();
        oauth.keepTokens(gitHub, "tok@example.com", given);
        oauth.keepTokens(gitHub, "tok@example.com", given);
        accounts.user = new TestUser("tok@example.com");
        assertEquals(Optional.of(given), accounts.providerTokens("github"), "kept once, replaced when kept again");
        assertEquals(Optional.empty(), accounts.providerTokens("google"));
        try (var c = database().dataSource().getConnection(); var rows = c.createStatement().executeQuery(
                "SELECT sealed FROM latchkey_account_token")) {
            assertTrue(rows.next());
            assertFalse(rows.getString(1).contains("gho_") || rows.getString(1).contains("ghr_refresh"), "sealed, not plain");
            assertFalse(rows.next(), "one row");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        oauth.link(identity("google", "g-51", "tok@example.com", true), "tok@example.com");
        assertTrue(accounts.unlinkProvider("github"));
        assertEquals(Optional.empty(), accounts.providerTokens("github"), "forgotten with the link");
        oauth.keepTokens(identity("google", "g-51", null, false), "tok@example.com", given);
        assertTrue(accounts.delete("tok@example.com"));
        assertEquals(Optional.empty(), tokens.of("tok@example.com", "google"), "forgotten with the account");
        accounts.user = new TestUser(null);
        assertEquals(Optional.empty(), accounts.providerTokens("google"));
    }

    @Test
    void aMissingTokenTableIsNamedByItsV5Script() {
        database().execute("DROP TABLE IF EXISTS latchkey_account_token");
        TokenSeal seal = TokenSeal.of(java.util.Base64.getEncoder().encodeToString(new byte[32]));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> AccountTokens.open(unit(), seal, clock, database().product(), false));
        assertTrue(e.getMessage().contains(database().product().script("V5__create_latchkey_account_token.sql")), e.getMessage());
        AccountTokens.open(unit(), seal, clock, database().product(), true);
    }

    // ---- e-mail addresses (V7, with recovery on) ----

    @Test
    void theAddressColumnsComeFromTheV7ScriptAndAnAddressBelongsToOneAccount() {
        AccountSchema.ensureAddresses(unit(), database().product(), true);
        database().execute(String.format(database().dropIndexSql(), "latchkey_account", "latchkey_account_email_idx"),
                String.format(database().dropColumnSql(), "latchkey_account", "email"),
                String.format(database().dropColumnSql(), "latchkey_account", "email_verified_at"));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> AccountSchema.ensureAddresses(unit(), database().product(), false));
        assertTrue(e.getMessage().contains(database().product().script("V7__add_latchkey_account_email.sql")), e.getMessage());
        AccountSchema.ensureAddresses(unit(), database().product(), true);

        AccountAddresses addresses = new AccountAddresses(unit(), clock);
        accounts.register("amy", PASSWORD, Set.of("user"));
        accounts.register("ben", PASSWORD, Set.of("user"));
        assertEquals(Optional.empty(), addresses.of("amy"));
        assertTrue(addresses.set("amy", "amy@example.com", false));
        assertEquals(Optional.of(new AccountAddresses.Address("amy@example.com", false)), addresses.of("amy"));
        assertFalse(addresses.set("ben", "amy@example.com", true), "one address, one account");
        assertEquals(Optional.empty(), addresses.of("ben"));
        assertThrows(IllegalStateException.class, () -> database().execute(
                "UPDATE latchkey_account SET email = 'amy@example.com' WHERE user_name = 'ben'"), "the unique index of V7");
        assertEquals(Optional.of("amy"), addresses.owner("amy@example.com"));
        assertEquals(Optional.empty(), addresses.owner("nobody@example.com"));
        assertFalse(addresses.markVerified("amy", "other@example.com"), "only the address it still has");
        assertTrue(addresses.markVerified("amy", "amy@example.com"));
        assertEquals(Optional.of(new AccountAddresses.Address("amy@example.com", true)), addresses.of("amy"));
        assertTrue(addresses.set("ben", "ben@example.com", true));
        assertEquals(Optional.of(new AccountAddresses.Address("ben@example.com", true)), addresses.of("ben"));
    }

    /** The signed-in user {@code name}, or nobody ({@code null}): what {@link Accounts} asks about the caller. */
}

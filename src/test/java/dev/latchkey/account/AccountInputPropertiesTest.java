package dev.latchkey.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latchkey.core.InMemorySessionStore;
import dev.latchkey.core.Latchkey;
import dev.latchkey.core.LatchkeyConfig;
import dev.latchkey.core.NewSession;
import dev.latchkey.core.Reason;
import dev.latchkey.internal.servlet.Diagnostics;
import dev.latchkey.internal.servlet.ServletSessions;
import dev.latchkey.internal.web.OriginCheck;
import dev.latchkey.oauth.OAuthRefusal;
import dev.latchkey.oauth.ProviderIdentity;
import dev.latchkey.testing.FakeHttp;
import dev.latchkey.testing.H2MemDatabase;
import dev.latchkey.testing.MutableClock;
import dev.latchkey.testing.Provider;
import jakarta.persistence.EntityManagerFactory;
import jakarta.security.enterprise.credential.Password;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.servlet.http.HttpServletRequest;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Every public method that takes a name or a password the user typed, fed arbitrary text — unpaired
 * surrogates, NUL, control characters, thousands of characters — on the built-in accounts in a real
 * database: each answers with its result or a refusal, never an exception. (Return paths and provider
 * text: {@code dev.latchkey.internal.oauth.OAuthInputPropertiesTest}.)
 */
class AccountInputPropertiesTest {

    private static final char[] GOOD = "correct horse battery".toCharArray();
    private static final MutableClock CLOCK = MutableClock.startingAt("2026-12-02T10:00:00Z");
    private static EntityManagerFactory unit;
    private static AccountStore store;
    private static Accounts accounts;
    private static AccountOAuthUsers oauth;
    private static AccountIdentityStore identityStore;
    private static ServletSessions sessions;

    @BeforeContainer
    static void open() {
        H2MemDatabase.get().recreateSchema();
        unit = Provider.ECLIPSELINK.open(H2MemDatabase.get().dataSource(), false);
        store = AccountStore.open(unit, new PasswordHasher(4), CLOCK, H2MemDatabase.get().product(), true);
        AccountLinks links = new AccountLinks(unit, CLOCK);
        Latchkey latchkey = new Latchkey(new InMemorySessionStore(), CLOCK, LatchkeyConfig.defaults());
        HandWiredAccounts wired = new HandWiredAccounts(store, links, () -> null, latchkey);
        oauth = wired.oauth;
        accounts = wired.accounts;
        identityStore = wired.identityStore;
        sessions = new ServletSessions(latchkey, new OriginCheck(true), new Diagnostics(false, CLOCK), null);
        accounts.register("existing", GOOD, Set.of("user"));
    }

    @AfterContainer
    static void close() {
        unit.close();
    }

    /** Text as a hostile client or a careless form sends it. */
    @Provide
    Arbitrary<String> text() {
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(40),
                Arbitraries.strings().all().ofMinLength(200).ofMaxLength(3000),
                Arbitraries.strings().withChars('\u0000', '\ud800', '\udc00', '\ud83d', '\ude00', ' ', 'a', '\n', '\u2028')
                        .ofMaxLength(20),
                Arbitraries.of("", " ", "existing", "EXISTING", "existing ", "\u0000", "\ud800", "a\udc00b", "\ud83d\ude00",
                        "x".repeat(256), "correct horse battery", "password"));
    }

    @Property(tries = 300)
    void registeringAnswersWithAnOutcome(@ForAll("text") String name, @ForAll("text") String password) {
        Accounts.Registration outcome = accounts.register(name, password.toCharArray(), Set.of("user"));
        assertTrue(EnumSet.allOf(Accounts.Registration.class).contains(outcome));
        if (outcome == Accounts.Registration.CREATED) {
            assertTrue(accounts.exists(name));
            assertTrue(identityStore.validate(new UsernamePasswordCredential(name, new Password(password.toCharArray())))
                    .getStatus() == CredentialValidationResult.Status.VALID, "what was registered signs in");
        }
    }

    @Property(tries = 300)
    void aPasswordIsCheckedWithARefusalOrNothing(@ForAll("text") String name, @ForAll("text") String password) {
        accounts.checkPassword(name, password.toCharArray()).ifPresent(refusal -> assertFalse(refusal.message().isEmpty()));
        if (!wellFormed(password)) {
            assertEquals("not-text", accounts.checkPassword(name, password.toCharArray()).orElseThrow().rule());
        }
    }

    @Property(tries = 300)
    void signingInAnswersValidOrInvalid(@ForAll("text") String name, @ForAll("text") String password) {
        CredentialValidationResult result = identityStore.validate(new UsernamePasswordCredential(name,
                new Password(password.toCharArray())));
        assertTrue(result.getStatus() == CredentialValidationResult.Status.INVALID
                || result.getStatus() == CredentialValidationResult.Status.VALID && name.equalsIgnoreCase("existing"));
        HttpServletRequest request = new FakeHttp.Request().method("POST").build();
        Optional<CredentialValidationResult> checked = sessions.checkCredential(request,
                new UsernamePasswordCredential(name, new Password(password.toCharArray())), credential -> result);
        if (checked.isPresent()) {
            assertEquals(CredentialValidationResult.Status.VALID, checked.get().getStatus());
        } else {
            Reason refused = sessions.lastRefusal(request).orElseThrow().reason();
            assertTrue(refused == Reason.INVALID_CREDENTIALS || refused == Reason.SIGN_IN_THROTTLED, refused.name());
        }
    }

    @Property(tries = 300)
    void anAdministratorsCallsByNameAnswerTrueOrFalse(@ForAll("text") String name) {
        accounts.exists(name);
        accounts.isDisabled(name);
        accounts.setGroups(name, Set.of("user"));
        accounts.disable(name);
        accounts.enable(name);
        if (!name.equalsIgnoreCase("existing")) {
            accounts.delete(name);
        }
        assertFalse(NewSession.isValidUserId(name) && name.isEmpty());
    }

    @Property(tries = 200)
    void aProviderIdentityOfAnyTextGetsAnAccountOrARefusal(@ForAll("text") String subject, @ForAll("text") String email,
            @ForAll boolean verified) {
        try {
            oauth.signIn(new ProviderIdentity("github", subject, email, verified, email));
        } catch (OAuthRefusal refusal) {
            assertTrue(refusal.reason().messageId().startsWith("LK-5"), refusal.reason().name());
        }
    }

    /** No unpaired surrogate: code points of a string never fall in the surrogate range but for a lone half. */
    private static boolean wellFormed(String text) {
        return text.codePoints().noneMatch(c -> c >= 0xD800 && c <= 0xDFFF);
    }
}

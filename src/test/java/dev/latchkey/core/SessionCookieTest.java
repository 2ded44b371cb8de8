package dev.latchkey.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SessionCookieTest {

    private static final String TOKEN = "a".repeat(32) + "." + "b".repeat(52);

    @Test
    void defaultSettingsAreTheSecureOnes() {
        CookieSettings d = CookieSettings.defaults();
        assertEquals("__Host-latchkey", d.name());
        assertTrue(d.secure());
        assertEquals(SameSite.LAX, d.sameSite());
        assertEquals("/", d.path());
        assertEquals(null, d.domain());
    }

    @Test
    void persistentCookieSerialisesEveryAttribute() {
        SessionCookie c = new SessionCookie("sid", TOKEN, Duration.ofHours(2), "/app", "example.com", true, true, SameSite.STRICT);
        assertEquals("sid=" + TOKEN + "; Max-Age=7200; Domain=example.com; Path=/app; Secure; HttpOnly; SameSite=Strict",
                c.toSetCookieHeader());
        assertTrue(c.isPersistent());
        assertFalse(c.isBlank());
    }

    @Test
    void browserSessionCookieHasNoMaxAge() {
        SessionCookie c = CookieSettings.defaults().sessionCookie(TOKEN, null);
        assertEquals("__Host-latchkey=" + TOKEN + "; Path=/; Secure; HttpOnly; SameSite=Lax", c.toSetCookieHeader());
        assertFalse(c.isPersistent());
    }

    @Test
    void sameSiteNoneIsWrittenWithSecure() {
        SessionCookie c = new SessionCookie("sid", TOKEN, null, "/", null, true, true, SameSite.NONE);
        assertEquals("sid=" + TOKEN + "; Path=/; Secure; HttpOnly; SameSite=None", c.toSetCookieHeader());
    }

    @Test
    void blankCookieHasEmptyValueAndMaxAgeZeroWithTheSameScope() {
        CookieSettings s = new CookieSettings("sid", true, SameSite.LAX, "/app", "example.com");
        SessionCookie blank = s.blankCookie();
        assertTrue(blank.isBlank());
        assertEquals("sid=; Max-Age=0; Domain=example.com; Path=/app; Secure; HttpOnly; SameSite=Lax",
                blank.toSetCookieHeader());
    }

    @Test
    void maxAgeIsCappedAt400Days() {
        SessionCookie c = CookieSettings.defaults().sessionCookie(TOKEN, Duration.ofDays(1000));
        assertEquals(Duration.ofDays(400), c.maxAge());
        assertTrue(c.toSetCookieHeader().contains("; Max-Age=34560000;"));
    }

    @Test
    void hostPrefixRulesAreEnforced() {
        IllegalArgumentException noSecure = assertThrows(IllegalArgumentException.class,
                () -> new CookieSettings("__Host-x", false, SameSite.LAX, "/", null));
        assertEquals("cookie '__Host-x': the __Host- prefix requires Secure; set latchkey.cookie.secure=true"
                + " or choose a name without the prefix", noSecure.getMessage());
        IllegalArgumentException withDomain = assertThrows(IllegalArgumentException.class,
                () -> new CookieSettings("__Host-x", true, SameSite.LAX, "/", "example.com"));
        assertTrue(withDomain.getMessage().contains("forbids a Domain"));
        assertThrows(IllegalArgumentException.class, () -> new CookieSettings("__Host-x", true, SameSite.LAX, "/app", null));
        assertThrows(IllegalArgumentException.class,
                () -> new SessionCookie("__Host-x", "v", null, "/", "example.com", true, true, SameSite.LAX));
    }

    @Test
    void securePrefixAndSameSiteNoneRequireSecure() {
        assertThrows(IllegalArgumentException.class, () -> new CookieSettings("__Secure-x", false, SameSite.LAX, "/", null));
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> new CookieSettings("sid", false, SameSite.NONE, "/", null));
        assertEquals("cookie 'sid': SameSite=None requires Secure, or browsers drop the cookie; set"
                + " latchkey.cookie.secure=true or use latchkey.cookie.same-site=Lax", none.getMessage());
    }

    @Test
    void invalidNamesValuesPathsAndDomainsAreRejected() {
        for (String name : new String[] {"", "a b", "a;b", "a=b", "a\u00e9", "a\"b", "a,b"}) {
            assertThrows(IllegalArgumentException.class, () -> new CookieSettings(name, true, SameSite.LAX, "/", null), name);
        }
        for (String value : new String[] {"a b", "a;b", "a,b", "a\"b", "a\\b", "\u00e9", "a\nb"}) {
            assertThrows(IllegalArgumentException.class,
                    () -> new SessionCookie("sid", value, null, "/", null, true, true, SameSite.LAX), value);
        }
        assertThrows(IllegalArgumentException.class, () -> new CookieSettings("sid", true, SameSite.LAX, "app", null));
        assertThrows(IllegalArgumentException.class, () -> new CookieSettings("sid", true, SameSite.LAX, "/a;b", null));
        assertThrows(IllegalArgumentException.class, () -> new CookieSettings("sid", true, SameSite.LAX, "/", "exa mple.com"));
        assertThrows(IllegalArgumentException.class,
                () -> new SessionCookie("sid", "v", Duration.ofSeconds(-1), "/", null, true, true, SameSite.LAX));
    }

    @Test
    void loopbackSettingsDropSecureAndThePrefix() {
        CookieSettings plain = CookieSettings.defaults().forPlainHttpLoopback();
        assertEquals("latchkey", plain.name());
        assertFalse(plain.secure());
        assertEquals("latchkey=" + TOKEN + "; Path=/; HttpOnly; SameSite=Lax",
                plain.sessionCookie(TOKEN, null).toSetCookieHeader());
        CookieSettings none = new CookieSettings("__Secure-sid", true, SameSite.NONE, "/", null).forPlainHttpLoopback();
        assertEquals("sid", none.name());
        assertEquals(SameSite.LAX, none.sameSite());
    }

    @Test
    void toStringNeverShowsTheValue() {
        SessionCookie c = CookieSettings.defaults().sessionCookie(TOKEN, null);
        assertFalse(c.toString().contains(TOKEN));
        assertFalse(c.toString().contains("bbbb"));
    }

    @Test
    void sameSiteParsesAnyCase() {
        assertEquals(SameSite.NONE, SameSite.parse("none"));
        assertEquals(SameSite.STRICT, SameSite.parse(" STRICT "));
        assertThrows(IllegalArgumentException.class, () -> SameSite.parse("sometimes"));
    }

    @Test
    void theLongestSessionCookieStaysFarBelowTheBrowsersSizeLimit() {
        String longestName = "__Host-" + "n".repeat(121);
        CookieSettings settings = new CookieSettings(longestName, true, SameSite.LAX, "/", null);
        SessionCookie cookie = settings.sessionCookie("a".repeat(32) + "." + "b".repeat(52), java.time.Duration.ofDays(400));
        int nameAndValue = (cookie.name() + cookie.value()).getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        assertTrue(nameAndValue <= 4096, "ASVS 3.3.5: name and value together at most 4096 bytes, was " + nameAndValue);
        assertEquals(213, nameAndValue);
    }
}

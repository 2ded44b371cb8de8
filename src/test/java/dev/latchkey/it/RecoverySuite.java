package dev.latchkey.it;

import static dev.latchkey.it.support.ServerUnderTest.newUser;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.latchkey.it.support.RawHttp;
import dev.latchkey.it.support.TestMail;
import dev.latchkey.it.support.WebClient;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A way back in, on a real server with a real SMTP server ({@link TestMail}) behind the server's own mail
 * session: password reset, address verification at sign-up and on change, sign-in by link and by code, a
 * first password, and what hostile or replayed input gets. The tests read links and codes from the mails
 * as a person would.
 */
interface RecoverySuite extends OAuthSuite {

    Duration MAIL_WAIT = Duration.ofSeconds(30);
    String NEW_PASSWORD = "a brand new passphrase";

    private static String addressOf(String user) {
        return user.toLowerCase(java.util.Locale.ROOT) + "@example.test";
    }

    private String signUpWithAddress(String prefix) {
        String user = newUser(prefix);
        HttpResponse<String> up = browser().postSameOrigin("signup", Map.of("username", user, "password", PASSWORD,
                "address", addressOf(user)));
        assertEquals(201, up.statusCode(), up::body);
        return user;
    }

    /** The path and query of a link in a mail, relative to the application (as WebClient takes it). */
    private String relative(String link) {
        URI uri = URI.create(link);
        String path = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        return path.substring(path.indexOf("/latchkey/recovery/") + 1);
    }

    private static String hidden(String page, String name) {
        Matcher m = Pattern.compile("name=\"" + name + "\" value=\"([^\"]*)\"").matcher(page);
        assertTrue(m.find(), "the page carries the hidden field " + name + ": " + page);
        return m.group(1);
    }

    private static void assertCarriesATokenSafely(HttpResponse<String> page) {
        assertEquals("no-store", page.headers().firstValue("Cache-Control").orElse(""));
        assertEquals("no-referrer", page.headers().firstValue("Referrer-Policy").orElse(""));
    }

    @Test
    default void aForgottenPasswordIsResetByTheMailedLinkWhichEndsEveryOtherSession() {
        String user = signUpWithAddress("rst");
        TestMail.server().awaitMessageTo(addressOf(user), MAIL_WAIT); // the verification mail of the sign-up
        WebClient elsewhere = signedIn(user, true);

        WebClient browser = browser();
        HttpResponse<String> asked = browser.postSameOrigin("latchkey/recovery/forgot", Map.of("address", addressOf(user).toUpperCase(java.util.Locale.ROOT)));
        assertEquals(200, asked.statusCode(), asked::body);
        String mail = TestMail.server().awaitMessageTo(addressOf(user), MAIL_WAIT);
        String link = TestMail.linkIn(mail, "/latchkey/recovery/reset");

        HttpResponse<String> page = browser.get(relative(link));
        assertEquals(200, page.statusCode(), page::body);
        assertCarriesATokenSafely(page);
        assertEquals(200, browser.get(relative(link)).statusCode(), "opening the link (a mail scanner) does not use it");
        String token = hidden(page.body(), "token");

        HttpResponse<String> weak = browser.postSameOrigin("latchkey/recovery/reset", Map.of("token", token, "password", "short"));
        assertEquals(422, weak.statusCode(), "the password rules apply first: " + weak.body());
        HttpResponse<String> set = browser.postSameOrigin("latchkey/recovery/reset", Map.of("token", token, "password", NEW_PASSWORD));
        assertEquals(303, set.statusCode(), set::body);
        assertFalse(set.headers().firstValue("Location").orElse("").contains(token), "the token is in no later URL");
        assertTrue(browser.cookies().containsKey("latchkey"), "signed in after the reset");
        assertEquals(200, browser.get("me").statusCode());
        assertEquals(401, elsewhere.get("me").statusCode(), "the session signed in before the reset ended");

        assertEquals(401, browser().postSameOrigin("signin", Map.of("username", user, "password", PASSWORD)).statusCode(),
                "the old password no longer works");
        assertEquals(200, browser().postSameOrigin("signin", Map.of("username", user, "password", NEW_PASSWORD)).statusCode());
        HttpResponse<String> again = browser().postSameOrigin("latchkey/recovery/reset", Map.of("token", token, "password", NEW_PASSWORD + "!"));
        assertEquals(400, again.statusCode(), "a used link is refused: " + again.body());
        assertTrue(TestMail.server().awaitMessageTo(addressOf(user), MAIL_WAIT).contains("password"),
                "the address is told that the password was reset");
    }

    @Test
    default void aResetAnswersAlikeForAnAddressWithoutAnAccountAndSendsNothingThere() {
        String user = signUpWithAddress("enum");
        TestMail.server().awaitMessageTo(addressOf(user), MAIL_WAIT);
        String nobody = addressOf(newUser("nobody"));
        HttpResponse<String> known = browser().postSameOrigin("latchkey/recovery/forgot", Map.of("address", addressOf(user)));
        HttpResponse<String> unknown = browser().postSameOrigin("latchkey/recovery/forgot", Map.of("address", nobody));
        assertEquals(known.statusCode(), unknown.statusCode());
        assertEquals(known.body(), unknown.body(), "the same page, word for word");
        assertEquals(WebClient.setCookies(known), WebClient.setCookies(unknown));
        TestMail.server().awaitMessageTo(addressOf(user), MAIL_WAIT);
        assertEquals(0, TestMail.server().countTo(nobody), "nothing was sent to the address without an account");
    }

    @Test
    default void anAddressIsVerifiedByItsLinkAtSignUpAndAChangeIsVerifiedBeforeItReplacesTheOld() {
        String user = signUpWithAddress("ver");
        WebClient browser = signedIn(user, false);
        assertTrue(browser.get("me").body().contains("current.address-verified=false"));
        String link = TestMail.linkIn(TestMail.server().awaitMessageTo(addressOf(user), MAIL_WAIT), "/latchkey/recovery/verify");
        HttpResponse<String> page = browser.get(relative(link));
        assertEquals(200, page.statusCode(), page::body);
        assertCarriesATokenSafely(page);
        assertTrue(browser.get("me").body().contains("current.address-verified=false"), "opening the link verifies nothing");
        HttpResponse<String> confirmed = browser.postSameOrigin("latchkey/recovery/verify", Map.of("token", hidden(page.body(), "token")));
        assertEquals(200, confirmed.statusCode(), confirmed::body);
        assertTrue(browser.get("me").body().contains("current.address-verified=true"));

        String newAddress = addressOf(newUser("moved"));
        HttpResponse<String> change = browser.postSameOrigin("address", Map.of("address", newAddress));
        assertEquals(202, change.statusCode(), change::body);
        String changeLink = TestMail.linkIn(TestMail.server().awaitMessageTo(newAddress, MAIL_WAIT), "/latchkey/recovery/verify");
        String token = hidden(browser.get(relative(changeLink)).body(), "token");
        assertEquals(200, browser.postSameOrigin("latchkey/recovery/verify", Map.of("token", token)).statusCode());
        assertTrue(TestMail.server().awaitMessageTo(addressOf(user), MAIL_WAIT).contains(addressOf(user)),
                "the old address is told of the change");
    }

    @Test
    default void signInByMailedLinkAndByTypedCode() {
        String user = signUpWithAddress("pwl");
        TestMail.server().awaitMessageTo(addressOf(user), MAIL_WAIT);

        WebClient byLink = browser();
        assertEquals(200, byLink.postSameOrigin("latchkey/recovery/sign-in", Map.of("address", addressOf(user), "by", "link"))
                .statusCode());
        String link = TestMail.linkIn(TestMail.server().awaitMessageTo(addressOf(user), MAIL_WAIT), "/latchkey/recovery/sign-in");
        HttpResponse<String> page = byLink.get(relative(link));
        assertEquals(200, page.statusCode(), page::body);
        assertCarriesATokenSafely(page);
        assertFalse(byLink.cookies().containsKey("latchkey"), "opening the link signs nobody in");
        HttpResponse<String> in = byLink.postSameOrigin("latchkey/recovery/sign-in/link", Map.of("token", hidden(page.body(), "token")));
        assertEquals(303, in.statusCode(), in::body);
        assertTrue(byLink.get("me").body().contains("principal=" + user + "\n"));
        assertTrue(byLink.get("me").body().contains("current.address-verified=true"), "the link proved the address");

        WebClient byCode = browser();
        HttpResponse<String> asked = byCode.postSameOrigin("latchkey/recovery/sign-in", Map.of("address", addressOf(user), "by", "code"));
        assertEquals(200, asked.statusCode(), asked::body);
        String challenge = WebClient.setCookies(asked).stream().filter(c -> c.startsWith("latchkey-code=")).findFirst().orElseThrow();
        assertTrue(challenge.contains("HttpOnly") && challenge.contains("SameSite=Strict"), challenge);
        String code = TestMail.codeIn(TestMail.server().awaitMessageTo(addressOf(user), MAIL_WAIT));
        String wrong = code.equals("000000") ? "111111" : "000000";
        HttpResponse<String> refused = byCode.postSameOrigin("latchkey/recovery/sign-in/code", Map.of("code", wrong));
        assertEquals(401, refused.statusCode(), refused::body);
        HttpResponse<String> codeIn = byCode.postSameOrigin("latchkey/recovery/sign-in/code", Map.of("code", code));
        assertEquals(303, codeIn.statusCode(), codeIn::body);
        assertTrue(byCode.get("me").body().contains("principal=" + user + "\n"));
        assertEquals(401, browser().post("latchkey/recovery/sign-in/code", Map.of("code", code), "Origin", byCode.origin(),
                "Sec-Fetch-Site", "same-origin", "Cookie", challenge.split(";", 2)[0]).statusCode(), "a code works once");
    }

    @Test
    default void aChallengeTakesFiveCodesThenEvenTheRightOneIsRefused() {
        String user = signUpWithAddress("guess");
        TestMail.server().awaitMessageTo(addressOf(user), MAIL_WAIT);
        WebClient browser = browser();
        browser.postSameOrigin("latchkey/recovery/sign-in", Map.of("address", addressOf(user), "by", "code"));
        String code = TestMail.codeIn(TestMail.server().awaitMessageTo(addressOf(user), MAIL_WAIT));
        for (int i = 0; i < 5; i++) {
            String wrong = String.format("%06d", (Integer.parseInt(code) + 1 + i) % 1_000_000);
            assertEquals(401, browser.postSameOrigin("latchkey/recovery/sign-in/code", Map.of("code", wrong)).statusCode());
        }
        HttpResponse<String> right = browser.postSameOrigin("latchkey/recovery/sign-in/code", Map.of("code", code));
        assertEquals(429, right.statusCode(), right::body);
        assertTrue(right.headers().firstValue("Retry-After").isPresent());
        assertFalse(browser.cookies().containsKey("latchkey"), "no session");
    }

    @Test
    default void hostileTokensFieldsAndOriginsGetAFourHundredAndNoSession() {
        String user = signUpWithAddress("hostile");
        TestMail.server().awaitMessageTo(addressOf(user), MAIL_WAIT);
        Map<String, Integer> gets = new HashMap<>();
        for (String token : List.of("", "x", "A".repeat(59), "a".repeat(26) + "." + "a".repeat(32), "%00", "a".repeat(5000),
                "<script>", "%E0%A4%A", "..%2F..%2F", "%", "a%20b")) {
            RawHttp.Response page = RawHttp.send(loopback(), port(), null, RawHttp.request("GET",
                    path("latchkey/recovery/reset?token=") + token, List.of("Host: localhost:" + port()), null));
            gets.put(token, page.status());
            assertFalse(page.header("Set-Cookie").isPresent(), "no cookie for reset?token=" + token);
        }
        gets.forEach((token, status) -> assertTrue(status >= 400 && status < 500, "reset?token=" + token + " answered " + status));
        WebClient browser = browser();
        HttpResponse<String> twice = browser.post("latchkey/recovery/reset?token=a&token=b", Map.of("password", NEW_PASSWORD),
                "Origin", browser.origin(), "Sec-Fetch-Site", "same-origin");
        assertEquals(400, twice.statusCode(), twice::body);
        assertEquals(400, browser.postSameOrigin("latchkey/recovery/sign-in/link", Map.of("token", "a".repeat(59))).statusCode());
        assertEquals(400, browser.postSameOrigin("latchkey/recovery/forgot", Map.of("address", "not an address")).statusCode());
        assertEquals(400, browser.postSameOrigin("latchkey/recovery/forgot", Map.of()).statusCode());
        assertEquals(401, browser.postSameOrigin("latchkey/recovery/sign-in/code", Map.of("code", "123456")).statusCode(),
                "a code without its challenge");
        assertEquals(405, browser.get("latchkey/recovery/forgot").statusCode());
        HttpResponse<String> crossSite = browser.post("latchkey/recovery/forgot", Map.of("address", addressOf(user)),
                "Origin", "https://evil.example", "Sec-Fetch-Site", "cross-site");
        assertEquals(403, crossSite.statusCode(), crossSite::body);
        HttpResponse<String> crossSiteCode = browser.post("latchkey/recovery/sign-in/code", Map.of("code", "123456"),
                "Origin", "https://evil.example", "Sec-Fetch-Site", "cross-site");
        assertEquals(403, crossSiteCode.statusCode());
        assertFalse(browser.cookies().containsKey("latchkey"), "no session from any of it");
    }

    @Test
    default void anAccountMadeByAProviderGetsAFirstPasswordAfterARecentSignInOrThroughItsAddress() {
        String email = addressOf(newUser("first"));
        providers().next("mock", newUser("sub"), Map.of("email", email, "email_verified", true));
        WebClient browser = browser();
        assertEquals(303, signInWith(browser, "mock", "").statusCode());
        assertTrue(browser.get("me").body().contains("current.address-verified=true"), "the provider verified the address");
        assertEquals(401, browser().postSameOrigin("signin", Map.of("username", email, "password", NEW_PASSWORD)).statusCode(),
                "no password yet");
        HttpResponse<String> weak = browser.postSameOrigin("latchkey/recovery/first-password", Map.of("password", email));
        assertEquals(422, weak.statusCode(), weak::body);
        HttpResponse<String> set = browser.postSameOrigin("latchkey/recovery/first-password", Map.of("password", NEW_PASSWORD));
        assertEquals(200, set.statusCode(), set::body);
        assertEquals(200, browser().postSameOrigin("signin", Map.of("username", email, "password", NEW_PASSWORD)).statusCode());
        assertEquals(403, browser.postSameOrigin("latchkey/recovery/first-password", Map.of("password", NEW_PASSWORD + "2"))
                .statusCode(), "an account with a password changes it instead");

        String other = addressOf(newUser("second"));
        providers().next("mock", newUser("sub"), Map.of("email", other, "email_verified", true));
        assertEquals(303, signInWith(browser(), "mock", "").statusCode());
        assertEquals(200, browser().postSameOrigin("latchkey/recovery/forgot", Map.of("address", other)).statusCode());
        String link = TestMail.linkIn(TestMail.server().awaitMessageTo(other, MAIL_WAIT), "/latchkey/recovery/reset");
        WebClient mailed = browser();
        String token = hidden(mailed.get(relative(link)).body(), "token");
        assertEquals(303, mailed.postSameOrigin("latchkey/recovery/reset", Map.of("token", token, "password", NEW_PASSWORD)).statusCode());
        assertEquals(200, browser().postSameOrigin("signin", Map.of("username", other, "password", NEW_PASSWORD)).statusCode());
    }

    @Test
    default void aLinkNeverLeadsToTheHostARequestNames() {
        String user = signUpWithAddress("poison");
        TestMail.server().awaitMessageTo(addressOf(user), MAIL_WAIT);
        String evil = "evil.example:" + port();
        RawHttp.Response forged = RawHttp.send(loopback(), port(), null, RawHttp.request("POST", path("latchkey/recovery/forgot"),
                List.of("Host: " + evil, "Origin: http://" + evil, "Sec-Fetch-Site: same-origin",
                        "Content-Type: application/x-www-form-urlencoded"), "address=" + addressOf(user).replace("@", "%40")));
        assertEquals(400, forged.status(), "no link without latchkey.recovery.base-url for another host: " + forged.body());
        assertEquals(200, browser().postSameOrigin("latchkey/recovery/forgot", Map.of("address", addressOf(user))).statusCode());
        String link = TestMail.linkIn(TestMail.server().awaitMessageTo(addressOf(user), MAIL_WAIT), "/latchkey/recovery/reset");
        assertTrue(link.startsWith("http://localhost:" + port() + "/"), link);
        assertEquals(2, TestMail.server().countTo(addressOf(user)), "the sign-up's link and this one: nothing for the forged host");
    }
}

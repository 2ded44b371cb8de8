package dev.latchkey.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.latchkey.it.support.TestApp;
import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The demo application in a real browser (Debian's headless Chromium), deployed on Payara Micro with
 * its embedded H2 as the one-command run does. Each {@link #profile()} is a separate browser profile.
 * The recovery flows read their messages from the demo's development outbox ({@code /outbox}) as a person
 * reads mail: the row of the message, its link clicked or its code typed.
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PayaraDemoIT {

    private static final String PASSWORD = "correct horse battery";

    @ArquillianResource
    URL base;

    private final List<WebDriver> browsers = new ArrayList<>();

    /** The demo's provider, as its run starts it: a real OpenID Connect server with the demo's login page. */
    private static final MockOAuth2Server PROVIDER = startProvider();

    private static MockOAuth2Server startProvider() {
        MockOAuth2Server provider = new MockOAuth2Server(new OAuth2Config(true, "demo/app/src/provider/login.html"));
        provider.start();
        Runtime.getRuntime().addShutdownHook(new Thread(provider::shutdown));
        return provider;
    }

    @Deployment(testable = false)
    static WebArchive demo() {
        return TestApp.demo(PROVIDER.issuerUrl("demo").toString());
    }

    @AfterEach
    void closeBrowsers() {
        browsers.forEach(WebDriver::quit);
    }

    /** A new browser profile with an empty cookie jar. */
    private WebDriver profile() {
        String chromium = System.getProperty("chromium.binary", "/usr/bin/chromium");
        String chromedriver = System.getProperty("chromedriver.binary", "/usr/bin/chromedriver");
        assertTrue(new File(chromium).canExecute() && new File(chromedriver).canExecute(),
                "the browser tests need Debian's Chromium: apt-get install chromium chromium-driver");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-quic", "--user-data-dir=" + new File("target/chrome-profiles/" + UUID.randomUUID()).getAbsolutePath());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(chromedriver))
                .usingAnyFreePort().build();
        WebDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        browsers.add(driver);
        return driver;
    }

    private String url(String path) {
        // Over loopback, as a developer opens the demo; the server may report another address.
        return "http://localhost:" + base.getPort() + base.getPath() + path;
    }

    private void signUp(WebDriver browser, String name) {
        browser.get(url("signup"));
        browser.findElement(By.name("username")).sendKeys(name);
        browser.findElement(By.name("password")).sendKeys(PASSWORD);
        browser.findElement(By.xpath("//form[@action='signup']//button")).click();
        waitFor(browser, "signin?registered");
    }

    private void signUp(WebDriver browser, String name, String address) {
        browser.get(url("signup"));
        browser.findElement(By.name("username")).sendKeys(name);
        browser.findElement(By.name("password")).sendKeys(PASSWORD);
        browser.findElement(By.name("address")).sendKeys(address);
        browser.findElement(By.xpath("//form[@action='signup']//button")).click();
        waitFor(browser, "signin?registered");
    }

    private void signIn(WebDriver browser, String name, String password, boolean rememberMe) {
        browser.get(url("signin"));
        browser.findElement(By.name("username")).sendKeys(name);
        browser.findElement(By.name("password")).sendKeys(password);
        if (rememberMe) {
            browser.findElement(By.name("remember")).click();
        }
        browser.findElement(By.xpath("//form[@action='signin']//button")).click();
        waitFor(browser, "/account");
    }

    /** Waits for the navigation a click started to arrive at a URL containing {@code fragment}. */
    private static void waitFor(WebDriver browser, String fragment) {
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> d.getCurrentUrl().contains(fragment)
                && "complete".equals(((org.openqa.selenium.JavascriptExecutor) d).executeScript("return document.readyState")));
    }

    private static String newName(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static boolean onAccountPage(WebDriver browser) {
        return browser.getCurrentUrl().endsWith("/account") || browser.getCurrentUrl().contains("/account?");
    }

    private void assertSentToSignIn(WebDriver browser) {
        browser.get(url("account"));
        assertTrue(browser.getCurrentUrl().endsWith("/signin"), "sent to sign in, at " + browser.getCurrentUrl());
    }

    @Test
    @Order(1)
    void theFirstAccountCreatedIsTheAdministratorAndTheOthersAreNot() {
        WebDriver first = profile();
        String admin = newName("root");
        signUp(first, admin);
        assertTrue(first.getPageSource().contains("as the first one it is the administrator"), first.getPageSource());
        WebDriver other = profile();
        String user = newName("ann");
        signUp(other, user);
        assertFalse(other.getPageSource().contains("administrator"));
        signIn(other, user, PASSWORD, false);
        assertTrue(other.findElements(By.linkText("admin")).isEmpty(), "no admin link for an ordinary user");
        other.get(url("admin"));
        assertTrue(other.getPageSource().contains("403"), "an ordinary user may not open the admin page");

        signIn(first, admin, PASSWORD, false);
        assertTrue(first.getPageSource().contains("groups: admin, user"), first.getPageSource());
        first.findElement(By.linkText("admin")).click();
        waitFor(first, "/admin");
        first.findElement(By.name("username")).sendKeys(user);
        first.findElement(By.xpath("//form[@action='admin']//button")).click();
        waitFor(first, "/admin");
        assertTrue(first.getPageSource().contains("Revoked 1 session(s) of " + user), first.getPageSource());
        assertSentToSignIn(other);
    }

    @Test
    void signUpAndSignInStoreTheSessionCookieWithItsAttributes() {
        WebDriver browser = profile();
        String name = newName("ada");
        signUp(browser, name);
        signIn(browser, name, PASSWORD, true);
        assertTrue(onAccountPage(browser), browser.getCurrentUrl());
        assertTrue(browser.getPageSource().contains("Name: <b>" + name + "</b>"));

        Cookie cookie = browser.manage().getCookieNamed("latchkey");
        assertNotNull(cookie, "the browser kept the session cookie over http://localhost");
        assertTrue(cookie.getValue().matches("[a-z2-7]{32}\\.[a-z2-7]{52}"));
        assertTrue(cookie.isHttpOnly());
        assertFalse(cookie.isSecure(), "plain HTTP to localhost: no Secure");
        assertEquals("/", cookie.getPath());
        assertEquals("Lax", cookie.getSameSite());
        Date expiry = cookie.getExpiry();
        assertNotNull(expiry, "remember me: a persistent cookie");
        long days = Duration.between(new Date().toInstant(), expiry.toInstant()).toDays();
        assertTrue(days >= 29 && days <= 30, "expires in 30 days, not " + days);
        assertFalse(browser.manage().getCookies().stream().anyMatch(c -> c.getName().startsWith("__Host-")));
    }

    @Test
    void withoutRememberMeTheBrowserKeepsASessionCookie() {
        WebDriver browser = profile();
        String name = newName("bob");
        signUp(browser, name);
        signIn(browser, name, PASSWORD, false);
        assertTrue(onAccountPage(browser), browser.getCurrentUrl());
        Cookie cookie = browser.manage().getCookieNamed("latchkey");
        assertNotNull(cookie);
        assertNull(cookie.getExpiry(), "a browser-session cookie has no expiry");
    }

    @Test
    void signOutEverywhereElseSignsTheOtherProfileOut() {
        String name = newName("cy");
        WebDriver laptop = profile();
        WebDriver phone = profile();
        signUp(laptop, name);
        signIn(laptop, name, PASSWORD, true);
        signIn(phone, name, PASSWORD, true);
        laptop.get(url("account"));
        assertEquals(2, laptop.findElements(By.xpath("//table//tr[td]")).size(), "two sessions listed");
        assertTrue(laptop.getPageSource().contains("this one"));

        laptop.findElement(By.xpath("//input[@value='revoke-others']/../button")).click();
        waitFor(laptop, "account?done=");
        assertTrue(laptop.getPageSource().contains("Signed out 1 other session(s)."));
        assertEquals(1, laptop.findElements(By.xpath("//table//tr[td]")).size());
        assertSentToSignIn(phone);
        laptop.get(url("account"));
        assertTrue(onAccountPage(laptop), "this profile stays signed in");
    }

    @Test
    void changingThePasswordSignsTheOtherProfileOut() {
        String name = newName("dee");
        WebDriver here = profile();
        WebDriver there = profile();
        signUp(here, name);
        signIn(here, name, PASSWORD, true);
        signIn(there, name, PASSWORD, false);
        here.get(url("account"));
        here.findElement(By.name("current")).sendKeys(PASSWORD);
        here.findElement(By.name("replacement")).sendKeys("a brand new passphrase");
        here.findElement(By.xpath("//input[@value='password']/../button")).click();
        waitFor(here, "account?done=");
        assertTrue(here.getPageSource().contains("Password changed"), here.getPageSource());
        assertSentToSignIn(there);
        here.get(url("account"));
        assertTrue(onAccountPage(here));
    }

    /**
     * Another origin on the same site (another port of localhost) whose page posts a form to
     * {@code target} as soon as it loads: the Lax cookie is sent, so only the origin check stands
     * in the way.
     */
    private static HttpServer autoSubmittingForm(String target, Map<String, String> fields) throws IOException {
        StringBuilder form = new StringBuilder("<!DOCTYPE html><html><body><form id=\"f\" method=\"post\" action=\"")
                .append(target).append("\">");
        fields.forEach((name, value) -> form.append("<input type=\"hidden\" name=\"").append(name)
                .append("\" value=\"").append(value).append("\">"));
        byte[] page = form.append("</form><script>document.getElementById('f').submit()</script></body></html>")
                .toString().getBytes(StandardCharsets.UTF_8);
        HttpServer attacker = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        attacker.createContext("/", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        attacker.start();
        return attacker;
    }

    @Test
    void aFormOnAnotherOriginCannotActForTheUser() throws IOException {
        String name = newName("eve");
        WebDriver victim = profile();
        WebDriver otherDevice = profile();
        signUp(victim, name);
        signIn(victim, name, PASSWORD, true);
        signIn(otherDevice, name, PASSWORD, true);

        String target = url("account");
        HttpServer attacker = autoSubmittingForm(target, Map.of("action", "revoke-others"));
        try {
            victim.get("http://localhost:" + attacker.getAddress().getPort() + "/");
            new WebDriverWait(victim, Duration.ofSeconds(30)).until(d -> d.getCurrentUrl().startsWith(target));
            assertTrue(victim.getPageSource().contains("cross-site request rejected"), victim.getPageSource());
        } finally {
            attacker.stop(0);
        }
        otherDevice.get(url("account"));
        assertTrue(onAccountPage(otherDevice), "the other session was not revoked");
    }

    @Test
    void signingOutSendsTheBrowserToSignInForProtectedPages() {
        WebDriver browser = profile();
        String name = newName("fay");
        signUp(browser, name);
        signIn(browser, name, PASSWORD, true);
        assertTrue(onAccountPage(browser));
        browser.findElement(By.xpath("//form[@action='signout']/button")).click();
        waitFor(browser, "/signin");
        assertNull(browser.manage().getCookieNamed("latchkey"), "the cookie is gone");
        assertSentToSignIn(browser);
    }

    @Test
    void aFormOnAnotherOriginCannotSignTheBrowserInToTheAttackersAccount() throws IOException {
        String attackerName = newName("mallory");
        WebDriver attackerBrowser = profile();
        signUp(attackerBrowser, attackerName);
        WebDriver victim = profile();
        String target = url("signin");
        HttpServer attacker = autoSubmittingForm(target,
                Map.of("username", attackerName, "password", PASSWORD, "remember", "on"));
        try {
            victim.get("http://localhost:" + attacker.getAddress().getPort() + "/");
            new WebDriverWait(victim, Duration.ofSeconds(30)).until(d -> d.getCurrentUrl().startsWith(target));
            assertTrue(victim.getPageSource().contains("LK-20"), "refused with its reason: " + victim.getPageSource());
        } finally {
            attacker.stop(0);
        }
        assertNull(victim.manage().getCookieNamed("latchkey"), "no session was planted in the victim's browser");
        assertSentToSignIn(victim);
    }

    @Test
    void aWrongPasswordShowsTheFormAgainWithAnError() {
        WebDriver browser = profile();
        String name = newName("gus");
        signUp(browser, name);
        browser.get(url("signin"));
        browser.findElement(By.name("username")).sendKeys(name);
        browser.findElement(By.name("password")).sendKeys("not the password");
        browser.findElement(By.xpath("//form[@action='signin']//button")).click();
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> d.getPageSource().contains("Wrong name or password."));
        assertTrue(browser.findElement(By.name("username")).isDisplayed(), "the sign-in form again");
        assertNull(browser.manage().getCookieNamed("latchkey"));
    }

    @Test
    void everyPageOffersSignOutAndPasswordsAreMasked() {
        WebDriver browser = profile();
        for (String page : List.of("signin", "signup")) {
            browser.get(url(page));
            assertEquals("password", browser.findElement(By.name("password")).getAttribute("type"), page);
        }
        String name = newName("hal");
        signUp(browser, name);
        signIn(browser, name, PASSWORD, false);
        for (String page : List.of("", "account")) {
            browser.get(url(page));
            assertTrue(browser.findElement(By.xpath("//form[@action='signout']/button")).isDisplayed(), "sign-out on /" + page);
        }
        browser.get(url("account"));
        assertEquals("password", browser.findElement(By.name("current")).getAttribute("type"));
        assertEquals("password", browser.findElement(By.name("replacement")).getAttribute("type"));
    }

    // ---- sign-in with the demo provider: the whole redirect dance in the browser ----

    /** At the provider's login page: signs in there as {@code email}, and the provider sends the browser back. */
    private void atProviderSignInAs(WebDriver browser, String email) {
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> d.getCurrentUrl().startsWith(PROVIDER.issuerUrl("demo")
                + "/authorize"));
        browser.findElement(By.id("email")).sendKeys(email);
        browser.findElement(By.id("name")).sendKeys("Demo Person");
        browser.findElement(By.tagName("button")).click();
    }

    /** From the sign-in page, through the provider as {@code email}, to the account page. */
    private void signInWithTheDemoProvider(WebDriver browser, String email) {
        browser.get(url("signin"));
        browser.findElement(By.linkText("Sign in with the demo provider")).click();
        atProviderSignInAs(browser, email);
        waitFor(browser, "/account");
    }

    @Test
    void signingInWithTheDemoProviderCreatesTheAccountAndComesBack() {
        WebDriver browser = profile();
        String email = newName("pia") + "@example.com";
        browser.get(url("signin"));
        browser.findElement(By.linkText("Sign in with the demo provider")).click();
        assertNotNull(browser.manage().getCookieNamed("latchkey-oauth"), "the state cookie is set for the trip");
        atProviderSignInAs(browser, email);
        waitFor(browser, "/account");
        assertTrue(browser.getPageSource().contains("Name: <b>" + email + "</b> · groups: user"), browser.getPageSource());
        assertTrue(browser.getPageSource().contains("<li>demo (" + email + ")"), "the provider is listed as linked");
        assertNull(browser.manage().getCookieNamed("latchkey-oauth"), "the state cookie is spent");
        Cookie session = browser.manage().getCookieNamed("latchkey");
        assertNotNull(session);
        assertTrue(session.isHttpOnly());
        assertEquals("Lax", session.getSameSite());

        WebDriver again = profile();
        signInWithTheDemoProvider(again, email);
        assertTrue(again.getPageSource().contains("Name: <b>" + email + "</b>"), "the same account the second time");
    }

    @Test
    void aStateCookieThatExpiredOnTheWayIsExplainedAndSignsNobodyIn() {
        WebDriver browser = profile();
        browser.get(url("signin"));
        browser.findElement(By.linkText("Sign in with the demo provider")).click();
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> d.getCurrentUrl().contains("/authorize"));
        // ten minutes at the provider: the browser drops the state cookie (Max-Age=600) as it expires
        Cookie state = browser.manage().getCookieNamed("latchkey-oauth");
        assertNotNull(state);
        browser.manage().deleteCookie(state);
        browser.manage().addCookie(new Cookie.Builder(state.getName(), state.getValue()).path("/")
                .expiresOn(new Date(System.currentTimeMillis() - 1000)).build());
        assertNull(browser.manage().getCookieNamed("latchkey-oauth"));
        atProviderSignInAs(browser, newName("late") + "@example.com");
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> d.getCurrentUrl().contains("/latchkey/oauth/demo/callback"));
        assertTrue(browser.getPageSource().contains("LK-501 OAUTH_STATE_MISSING"), browser.getPageSource());
        assertNull(browser.manage().getCookieNamed("latchkey"), "nobody is signed in");
        assertSentToSignIn(browser);
    }

    @Test
    void aSignedInUserLinksTheDemoProviderAndSignsInWithItToTheSameAccount() {
        WebDriver browser = profile();
        String name = newName("lin");
        String email = name + "@example.com";
        signUp(browser, name);
        signIn(browser, name, PASSWORD, false);
        browser.findElement(By.linkText("Link the demo provider")).click();
        atProviderSignInAs(browser, email);
        waitFor(browser, "/account");
        assertTrue(browser.getPageSource().contains("<li>demo (" + email + ")"), browser.getPageSource());

        WebDriver elsewhere = profile();
        signInWithTheDemoProvider(elsewhere, email);
        assertTrue(elsewhere.getPageSource().contains("Name: <b>" + name + "</b>"), "the linked account, not a new one");

        browser.findElement(By.xpath("//input[@value='unlink']/../button")).click();
        waitFor(browser, "account?done=");
        assertTrue(browser.getPageSource().contains("Provider unlinked."), browser.getPageSource());
        assertTrue(browser.findElements(By.linkText("Link the demo provider")).size() == 1);
    }


    // ---- recovery: the messages read from the demo's development outbox ----

    /**
     * Opens the outbox and gives the newest message of {@code kind} to {@code address} as its row, reloading
     * until it has arrived (messages are sent on another thread, a moment after the request).
     */
    private WebElement outboxMessage(WebDriver browser, String kind, String address) {
        return outboxMessages(browser, kind, address, 1).get(0);
    }

    /** As {@link #outboxMessage}, once at least {@code count} such messages are listed: all of them, newest first. */
    private List<WebElement> outboxMessages(WebDriver browser, String kind, String address, int count) {
        browser.get(url("outbox"));
        assertTrue(browser.getPageSource().contains("For development only."), "labelled as a development outbox");
        String row = "//tr[@class='message'][td[@class='kind']='" + kind + "'][td[@class='to']='" + address + "']";
        return new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> {
            List<WebElement> rows = d.findElements(By.xpath(row));
            if (rows.size() >= count) {
                return rows;
            }
            d.navigate().refresh();
            return null;
        });
    }

    /** The link a message of the outbox carries (its address as the page shows it). */
    private static String linkOf(WebElement message) {
        WebElement link = message.findElement(By.cssSelector("a.link"));
        assertEquals(link.getText(), link.getAttribute("href"), "the link is shown as it is");
        return link.getAttribute("href");
    }

    /** Opens the sign-in page's "Sign in without your password", types the address and asks by link or code. */
    private void askToSignInBy(WebDriver browser, String by, String address) {
        browser.get(url("signin"));
        browser.findElement(By.xpath("//summary[.='Sign in without your password']")).click();
        WebElement form = browser.findElement(By.xpath("//form[@action='latchkey/recovery/sign-in']"));
        form.findElement(By.name("address")).sendKeys(address);
        form.findElement(By.xpath(".//button[@value='" + by + "']")).click();
        waitFor(browser, "/latchkey/recovery/sign-in");
    }

    private static void waitForText(WebDriver browser, String text) {
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> d.getPageSource().contains(text));
    }

    @Test
    void forgotPasswordSetsANewOneWithTheLinkFromTheOutbox() {
        WebDriver browser = profile();
        String name = newName("rae");
        String address = name + "@example.com";
        String replacement = "a fresh passphrase here";
        signUp(browser, name, address);
        assertTrue(browser.getPageSource().contains("A link that confirms your e-mail address is on its way"));
        WebDriver elsewhere = profile();
        signIn(elsewhere, name, PASSWORD, true);
        signIn(browser, name, PASSWORD, false);
        browser.findElement(By.xpath("//form[@action='signout']/button")).click();
        waitFor(browser, "/signin");

        browser.findElement(By.xpath("//summary[.='Forgot your password?']")).click();
        WebElement forgot = browser.findElement(By.xpath("//form[@action='latchkey/recovery/forgot']"));
        forgot.findElement(By.name("address")).sendKeys(address);
        forgot.findElement(By.tagName("button")).click();
        waitFor(browser, "/latchkey/recovery/forgot");
        assertTrue(browser.getPageSource().contains("Check your mail"), browser.getPageSource());

        WebElement message = outboxMessage(browser, "RESET_PASSWORD", address);
        String link = linkOf(message);
        assertTrue(link.startsWith(url("latchkey/recovery/reset?token=")), link);
        message.findElement(By.cssSelector("a.link")).click();
        waitFor(browser, "/latchkey/recovery/reset?token=");
        assertTrue(browser.getPageSource().contains("Set a new password"), browser.getPageSource());
        browser.findElement(By.name("password")).sendKeys(replacement);
        browser.findElement(By.xpath("//button[.='Set password']")).click();
        waitForText(browser, "Signed in as <b>" + name + "</b>");
        browser.get(url("account"));
        assertTrue(onAccountPage(browser), browser.getCurrentUrl());
        assertTrue(browser.getPageSource().contains("Name: <b>" + name + "</b>"), browser.getPageSource());
        assertEquals("confirmed", browser.findElement(By.id("address-state")).getText(), "the link proved the address");
        assertSentToSignIn(elsewhere);

        WebDriver later = profile();
        later.get(url("signin"));
        later.findElement(By.name("username")).sendKeys(name);
        later.findElement(By.name("password")).sendKeys(PASSWORD);
        later.findElement(By.xpath("//form[@action='signin']//button")).click();
        waitForText(later, "Wrong name or password.");
        signIn(later, name, replacement, false);
        assertTrue(onAccountPage(later));

        browser.get(link);
        assertTrue(browser.getPageSource().contains("This link does not work"), browser.getPageSource());
        assertTrue(browser.findElements(By.name("password")).isEmpty(), "no form for a used link");
        assertTrue(outboxMessage(browser, "PASSWORD_RESET", address).getText().contains("a notice"),
                "the address is told of the reset");
    }

    @Test
    void theAddressIsConfirmedWithTheLinkFromTheOutbox() {
        WebDriver browser = profile();
        String name = newName("vic");
        String address = name + "@example.com";
        signUp(browser, name, address);
        signIn(browser, name, PASSWORD, false);
        assertEquals(address, browser.findElement(By.id("address")).getText());
        assertEquals("not confirmed yet", browser.findElement(By.id("address-state")).getText());

        String first = linkOf(outboxMessage(browser, "VERIFY_ADDRESS", address));
        browser.get(url("account"));
        browser.findElement(By.xpath("//form[@action='latchkey/recovery/verify/send']/button")).click();
        waitFor(browser, "/latchkey/recovery/verify/send");
        assertTrue(browser.getPageSource().contains("A new link is on its way"), browser.getPageSource());
        List<WebElement> messages = outboxMessages(browser, "VERIFY_ADDRESS", address, 2);
        String second = linkOf(messages.get(0));
        assertEquals(first, linkOf(messages.get(1)), "newest first");

        browser.get(first);
        assertTrue(browser.getPageSource().contains("This link does not work"), "the link sent again replaced the first");
        browser.get(url("outbox"));
        browser.findElement(By.xpath("//a[@href='" + second + "']")).click();
        waitFor(browser, "/latchkey/recovery/verify?token=");
        assertTrue(browser.getPageSource().contains("Confirm your address"), browser.getPageSource());
        browser.findElement(By.xpath("//button[.='Confirm']")).click();
        waitForText(browser, "Address confirmed");

        browser.get(url("account"));
        assertEquals("confirmed", browser.findElement(By.id("address-state")).getText());
        assertTrue(browser.findElements(By.xpath("//form[@action='latchkey/recovery/verify/send']")).isEmpty(),
                "nothing to send again");
    }

    @Test
    void signingInWithACodeFromTheOutboxAfterAWrongOne() {
        WebDriver browser = profile();
        String name = newName("cal");
        String address = name + "@example.com";
        signUp(browser, name, address);

        askToSignInBy(browser, "code", address);
        assertTrue(browser.getPageSource().contains("Type your code"), browser.getPageSource());
        Cookie challenge = browser.manage().getCookieNamed("latchkey-code");
        assertNotNull(challenge, "the challenge is kept in a cookie");
        assertTrue(challenge.isHttpOnly());
        assertEquals("Strict", challenge.getSameSite());

        // the mail, read in another tab while the code's page waits
        String codePage = browser.getWindowHandle();
        browser.switchTo().newWindow(WindowType.TAB);
        String code = outboxMessage(browser, "SIGN_IN_CODE", address).findElement(By.cssSelector(".code")).getText();
        browser.close();
        browser.switchTo().window(codePage);
        assertTrue(code.matches("\\d{6}"), code);

        int last = code.length() - 1;
        String wrong = code.substring(0, last) + (char) ('0' + (code.charAt(last) - '0' + 1) % 10);
        browser.findElement(By.name("code")).sendKeys(wrong);
        browser.findElement(By.xpath("//button[.='Sign in']")).click();
        waitForText(browser, "That code is not right");
        assertNull(browser.manage().getCookieNamed("latchkey"), "nobody is signed in");

        browser.findElement(By.name("code")).sendKeys(code);
        browser.findElement(By.xpath("//button[.='Sign in']")).click();
        waitForText(browser, "Signed in as <b>" + name + "</b>");
        assertNull(browser.manage().getCookieNamed("latchkey-code"), "the challenge is spent");
        browser.get(url("account"));
        assertTrue(browser.getPageSource().contains("Name: <b>" + name + "</b>"), browser.getPageSource());
        assertEquals("confirmed", browser.findElement(By.id("address-state")).getText(), "the code proved the address");
    }

    @Test
    void signingInWithALinkFromTheOutbox() {
        WebDriver browser = profile();
        String name = newName("lou");
        String address = name + "@example.com";
        signUp(browser, name, address);

        askToSignInBy(browser, "link", address);
        assertTrue(browser.getPageSource().contains("Check your mail"), browser.getPageSource());
        WebElement message = outboxMessage(browser, "SIGN_IN_LINK", address);
        String link = linkOf(message);
        message.findElement(By.cssSelector("a.link")).click();
        waitFor(browser, "/latchkey/recovery/sign-in?token=");
        assertNull(browser.manage().getCookieNamed("latchkey"), "opening the link (GET) signs nobody in");
        browser.findElement(By.xpath("//button[.='Sign in']")).click();
        waitForText(browser, "Signed in as <b>" + name + "</b>");
        browser.get(url("account"));
        assertTrue(browser.getPageSource().contains("Name: <b>" + name + "</b>"), browser.getPageSource());

        WebDriver other = profile();
        other.get(link);
        assertTrue(other.getPageSource().contains("This link does not work"), "a sign-in link works once");
    }

    @Test
    void aSignUpWithoutAnAddressHasNoneAndAChangeOfAddressWaitsForItsLink() {
        WebDriver browser = profile();
        String name = newName("ned");
        String address = name + "@example.com";
        signUp(browser, name);
        signIn(browser, name, PASSWORD, false);
        assertEquals("none", browser.findElement(By.id("address")).getText());

        WebElement change = browser.findElement(By.xpath("//input[@value='address']/.."));
        change.findElement(By.name("address")).sendKeys(address);
        change.findElement(By.tagName("button")).click();
        waitFor(browser, "account?done=");
        assertTrue(browser.getPageSource().contains("A link that confirms " + address + " is on its way"), browser.getPageSource());
        assertEquals("none", browser.findElement(By.id("address")).getText(), "not the address before its link is opened");

        outboxMessage(browser, "VERIFY_ADDRESS", address).findElement(By.cssSelector("a.link")).click();
        waitFor(browser, "/latchkey/recovery/verify?token=");
        browser.findElement(By.xpath("//button[.='Confirm']")).click();
        waitForText(browser, "Address confirmed");
        browser.get(url("account"));
        assertEquals(address, browser.findElement(By.id("address")).getText());
        assertEquals("confirmed", browser.findElement(By.id("address-state")).getText());
    }
}

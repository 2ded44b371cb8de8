package dev.latchkey.recovery;

import dev.latchkey.internal.cdi.LatchkeyDeployment;
import java.time.Duration;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The recovery settings, read and checked at start ({@code LK-603} for one that cannot be used).
 *
 * @param enabled        {@code latchkey.recovery.enabled}: verification, reset and first passwords (and the tokens' table)
 * @param signIn         {@code latchkey.recovery.sign-in}: {@code off} (the default), {@code link}, {@code code} or both
 * @param lifetimes      each purpose's lifetime ({@code latchkey.recovery.reset-lifetime}, {@code verify-lifetime},
 *                       {@code sign-in-lifetime})
 * @param codeDigits     {@code latchkey.recovery.code-digits}, 6 to 8
 * @param signInAfterReset {@code latchkey.recovery.sign-in-after-reset}: a reset signs the user in (true) or
 *                       sends them to sign in
 * @param baseUrl        {@code latchkey.recovery.base-url}: where links in messages point, the application's address with
 *                       its context path ({@code https://example.com/shop}); {@code null} to take the request's own, which
 *                       is done for requests to this machine only: anyone can write a Host header
 */
public record RecoverySettings(boolean enabled, Set<SignInBy> signIn, Map<Purpose, Duration> lifetimes, int codeDigits,
                               boolean signInAfterReset, String baseUrl) {

    /** How a passwordless sign-in may go. */
    public enum SignInBy {
        /** A link in the message. */
        LINK,
        /** A code in the message, typed into the page that asked. */
        CODE
    }

    /** Whether anything is on (and the tokens' table and a sender are needed). */
    public boolean isOn() {
        return enabled || !signIn.isEmpty();
    }

    static RecoverySettings read(LatchkeyDeployment deployment) {
        boolean enabled = deployment.flag("latchkey.recovery.enabled", false);
        Set<SignInBy> signIn = EnumSet.noneOf(SignInBy.class);
        String by = deployment.text("latchkey.recovery.sign-in").orElse("off").strip().toLowerCase(Locale.ROOT);
        if (!by.equals("off")) {
            for (String part : by.split(",")) {
                switch (part.strip()) {
                    case "link" -> signIn.add(SignInBy.LINK);
                    case "code" -> signIn.add(SignInBy.CODE);
                    default -> throw bad("latchkey.recovery.sign-in must be off, link, code or link,code but was: " + by);
                }
            }
        }
        Map<Purpose, Duration> lifetimes = new EnumMap<>(Purpose.class);
        lifetimes.put(Purpose.RESET_PASSWORD, lifetime(deployment, "latchkey.recovery.reset-lifetime", Duration.ofMinutes(30),
                Duration.ofMinutes(15), Duration.ofMinutes(60)));
        lifetimes.put(Purpose.VERIFY_ADDRESS, lifetime(deployment, "latchkey.recovery.verify-lifetime", Duration.ofHours(24),
                Duration.ofHours(1), Duration.ofHours(72)));
        lifetimes.put(Purpose.SIGN_IN, lifetime(deployment, "latchkey.recovery.sign-in-lifetime", Duration.ofMinutes(10),
                Duration.ofMinutes(2), Duration.ofMinutes(30)));
        int digits = deployment.integer("latchkey.recovery.code-digits", 6);
        if (digits < 6 || digits > 8) {
            throw bad("latchkey.recovery.code-digits must be 6, 7 or 8 but was " + digits);
        }
        return new RecoverySettings(enabled, Set.copyOf(signIn), Map.copyOf(lifetimes), digits,
                deployment.flag("latchkey.recovery.sign-in-after-reset", true),
                deployment.text("latchkey.recovery.base-url").map(RecoverySettings::baseUrl).orElse(null));
    }

    private static String baseUrl(String text) {
        String url = text.strip().replaceAll("/+$", "");
        java.net.URI uri;
        try {
            uri = java.net.URI.create(url);
        } catch (IllegalArgumentException e) {
            throw bad("latchkey.recovery.base-url is not a URL: " + text);
        }
        if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null
                || uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw bad("latchkey.recovery.base-url must be the application's http(s) address with its context path, such as"
                    + " https://example.com/shop, but was: " + text);
        }
        return url;
    }

    private static Duration lifetime(LatchkeyDeployment deployment, String key, Duration fallback, Duration min, Duration max) {
        Duration value = deployment.duration(key, fallback);
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw bad(key + " must be from " + MailTemplates.describe(min) + " to " + MailTemplates.describe(max) + " but was "
                    + MailTemplates.describe(value));
        }
        return value;
    }

    private static IllegalArgumentException bad(String detail) {
        return new IllegalArgumentException(RecoveryMessage.BAD_SETTING.error(detail));
    }
}

package dev.latchkey.it.support;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A {@code Set-Cookie} header as a browser reads it. Servers may re-serialise what the application
 * wrote (Open Liberty turns {@code Max-Age} into {@code Expires} and quotes an empty value), so tests
 * compare meaning, not spelling: the lifetime is {@code Max-Age} or else {@code Expires} minus now.
 */
public record SetCookie(String name, String value, Map<String, String> attributes) {

    public static SetCookie parse(String header) {
        String[] parts = header.split(";");
        String pair = parts[0].strip();
        int eq = pair.indexOf('=');
        String value = pair.substring(eq + 1);
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1);
        }
        Map<String, String> attributes = new TreeMap<>();
        for (int i = 1; i < parts.length; i++) {
            String attribute = parts[i].strip();
            int at = attribute.indexOf('=');
            String key = (at < 0 ? attribute : attribute.substring(0, at)).toLowerCase(Locale.ROOT);
            attributes.put(key, at < 0 ? "" : attribute.substring(at + 1));
        }
        return new SetCookie(pair.substring(0, eq), value, attributes);
    }

    /** Seconds the browser keeps the cookie; empty for a browser-session cookie. */
    public Optional<Long> lifetimeSeconds() {
        if (attributes.containsKey("max-age")) {
            return Optional.of(Long.parseLong(attributes.get("max-age")));
        }
        if (attributes.containsKey("expires")) {
            try {
                ZonedDateTime expires = ZonedDateTime.parse(attributes.get("expires"), DateTimeFormatter.RFC_1123_DATE_TIME);
                return Optional.of(Duration.between(ZonedDateTime.now(), expires).getSeconds());
            } catch (DateTimeParseException e) {
                throw new AssertionError("unreadable Expires: " + attributes.get("expires"), e);
            }
        }
        return Optional.empty();
    }

    public Map<String, String> attributesBesidesLifetime() {
        Map<String, String> rest = new TreeMap<>(attributes);
        rest.remove("max-age");
        rest.remove("expires");
        return rest;
    }

    /** The header without the secret part of the value. */
    public String describe() {
        return name + "=" + (value.length() > 33 ? value.substring(0, 33) + "<secret>" : value) + " " + attributes;
    }
}

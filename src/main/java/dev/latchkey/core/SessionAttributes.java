package dev.latchkey.core;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A few small, typed values kept with a session, such as a tenant id or the sign-in method.
 *
 * <p>Immutable: {@code with(...)} returns a copy. Keys are 1–32 characters of {@code A-Z a-z 0-9 . _ -};
 * at most {@value #MAX_ENTRIES} entries; the stored form (see {@link #toStorageString()}) is at most
 * {@value #MAX_STORAGE_LENGTH} characters. Exceeding a limit is a programming error and throws
 * {@link IllegalArgumentException}. Values are strings, longs or booleans; the typed getters read
 * them back.
 *
 * <pre>{@code
 * SessionAttributes attrs = SessionAttributes.empty().with("tenant", "acme").with("mfa", true);
 * attrs.bool("mfa");   // Optional[true]
 * }</pre>
 */
public final class SessionAttributes {

    /** Most entries a session may carry. */
    public static final int MAX_ENTRIES = 16;
    /** Longest stored form, in characters. */
    public static final int MAX_STORAGE_LENGTH = 2000;

    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9._-]{1,32}");
    private static final SessionAttributes EMPTY = new SessionAttributes(new TreeMap<>());

    private final Map<String, String> values;

    private SessionAttributes(TreeMap<String, String> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    /** No attributes. */
    public static SessionAttributes empty() {
        return EMPTY;
    }

    /** A copy with {@code key} set to a string value. */
    public SessionAttributes with(String key, String value) {
        if (key == null || !KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("attribute key must be 1-32 characters of A-Z a-z 0-9 . _ - but was: " + key);
        }
        if (value == null) {
            throw new IllegalArgumentException("attribute '" + key + "' must not be null; use without(key) to remove it");
        }
        TreeMap<String, String> copy = new TreeMap<>(values);
        copy.put(key, value);
        if (copy.size() > MAX_ENTRIES) {
            throw new IllegalArgumentException("a session carries at most " + MAX_ENTRIES + " attributes");
        }
        SessionAttributes result = new SessionAttributes(copy);
        if (result.toStorageString().length() > MAX_STORAGE_LENGTH) {
            throw new IllegalArgumentException("session attributes exceed " + MAX_STORAGE_LENGTH
                    + " characters when stored; keep large data in your own tables");
        }
        return result;
    }

    /** A copy with {@code key} set to a whole number. */
    public SessionAttributes with(String key, long value) {
        return with(key, Long.toString(value));
    }

    /** A copy with {@code key} set to a boolean. */
    public SessionAttributes with(String key, boolean value) {
        return with(key, Boolean.toString(value));
    }

    /** A copy without {@code key}. */
    public SessionAttributes without(String key) {
        TreeMap<String, String> copy = new TreeMap<>(values);
        copy.remove(key);
        return copy.isEmpty() ? EMPTY : new SessionAttributes(copy);
    }

    /** The value of {@code key} as a string. */
    public Optional<String> string(String key) {
        return Optional.ofNullable(values.get(key));
    }

    /** The value of {@code key} as a whole number; empty when absent or not a number. */
    public OptionalLong longValue(String key) {
        String value = values.get(key);
        if (value == null) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(value));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** The value of {@code key} as a boolean; empty when absent or neither {@code true} nor {@code false}. */
    public Optional<Boolean> bool(String key) {
        String value = values.get(key);
        if ("true".equals(value) || "false".equals(value)) {
            return Optional.of(Boolean.valueOf(value));
        }
        return Optional.empty();
    }

    /** All entries, sorted by key, unmodifiable. */
    public Map<String, String> asMap() {
        return values;
    }

    /** Whether there are no entries. */
    public boolean isEmpty() {
        return values.isEmpty();
    }

    /**
     * The form a store keeps: {@code key=value} pairs, URL-encoded, joined by {@code &}.
     * {@link #fromStorageString(String)} reads it back.
     */
    public String toStorageString() {
        StringJoiner joined = new StringJoiner("&");
        values.forEach((k, v) -> joined.add(k + '=' + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return joined.toString();
    }

    /**
     * Reads the form written by {@link #toStorageString()}. {@code null} or empty gives no attributes.
     *
     * @throws IllegalArgumentException if the text was not written by {@link #toStorageString()}
     */
    public static SessionAttributes fromStorageString(String stored) {
        if (stored == null || stored.isEmpty()) {
            return EMPTY;
        }
        TreeMap<String, String> parsed = new TreeMap<>();
        for (String pair : stored.split("&")) {
            int eq = pair.indexOf('=');
            if (eq <= 0 || !KEY.matcher(pair.substring(0, eq)).matches()) {
                throw new IllegalArgumentException("stored session attributes are corrupt at entry " + (parsed.size() + 1));
            }
            parsed.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return new SessionAttributes(parsed);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SessionAttributes other && values.equals(other.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return values.toString();
    }
}

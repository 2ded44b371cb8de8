package dev.latchkey.internal.cdi;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Settings by key, as text, and their typed values: durations ({@code 30d}, {@code 12h}, {@code 15m},
 * {@code 45s}, {@code 500ms} or ISO-8601), whole numbers, {@code true}/{@code false}, comma lists.
 * A value that does not parse is an {@link IllegalArgumentException} naming the key.
 */
final class SettingValues {

    private final Function<String, Optional<String>> lookup;
    private final Supplier<Set<String>> keys;

    SettingValues(Function<String, Optional<String>> lookup) {
        this(lookup, Set::of);
    }

    SettingValues(Function<String, Optional<String>> lookup, Supplier<Set<String>> keys) {
        this.lookup = lookup;
        this.keys = keys;
    }

    /** The keys that have a value and start with {@code prefix}. */
    Set<String> keysStartingWith(String prefix) {
        Set<String> matching = new TreeSet<>();
        for (String key : keys.get()) {
            if (key.startsWith(prefix)) {
                matching.add(key);
            }
        }
        return matching;
    }

    Optional<String> text(String key) {
        return lookup.apply(key).filter(v -> !v.isBlank()).map(String::strip);
    }

    Duration duration(String key, Duration fallback) {
        return text(key).map(v -> parseDuration(key, v)).orElse(fallback);
    }

    int integer(String key, int fallback) {
        Optional<String> value = text(key);
        try {
            return value.map(Integer::parseInt).orElse(fallback);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number but was: " + value.get());
        }
    }

    boolean flag(String key, boolean fallback) {
        Optional<String> value = text(key).map(v -> v.toLowerCase(Locale.ROOT));
        if (value.isEmpty()) {
            return fallback;
        }
        if (value.get().equals("true") || value.get().equals("false")) {
            return Boolean.parseBoolean(value.get());
        }
        throw new IllegalArgumentException(key + " must be true or false but was: " + value.get());
    }

    List<String> list(String key) {
        return text(key).map(v -> Arrays.stream(v.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList())
                .orElse(List.of());
    }

    static Duration parseDuration(String key, String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        try {
            if (t.startsWith("p")) {
                return Duration.parse(t.toUpperCase(Locale.ROOT));
            }
            if (t.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            }
            long amount = Long.parseLong(t.substring(0, t.length() - 1));
            switch (t.charAt(t.length() - 1)) {
                case 'd':
                    return Duration.ofDays(amount);
                case 'h':
                    return Duration.ofHours(amount);
                case 'm':
                    return Duration.ofMinutes(amount);
                case 's':
                    return Duration.ofSeconds(amount);
                default:
                    break;
            }
        } catch (NumberFormatException | DateTimeParseException | StringIndexOutOfBoundsException e) {
            // reported below
        }
        throw new IllegalArgumentException(key + " must be a duration such as 30d, 12h, 15m, 45s or PT12H but was: " + text);
    }
}

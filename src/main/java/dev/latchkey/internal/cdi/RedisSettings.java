package dev.latchkey.internal.cdi;

import dev.latchkey.redis.RedisSessionStore;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code latchkey.store=redis}: sessions and sign-in failure counters in Redis instead of Latchkey's
 * tables. Reading checks the values only (no Jedis class is loaded, nothing is connected); the store
 * is opened by {@link Assembly}.
 *
 * @param uri    {@code latchkey.redis.uri}, credentials included, so never shown: see {@link #toString()}
 * @param prefix {@code latchkey.redis.prefix}, or {@code null} for the store's default ({@code latchkey:})
 */
record RedisSettings(String uri, String prefix) {

    /**
     * The Redis store's settings when {@code latchkey.store} is {@code redis}, {@code null} when it is
     * {@code jpa} (the default).
     *
     * @throws IllegalArgumentException naming the key whose value is wrong, never repeating the URI
     */
    static RedisSettings read(SettingValues values) {
        String store = values.text("latchkey.store").orElse("jpa");
        Optional<String> uri = values.text("latchkey.redis.uri");
        switch (store.toLowerCase(Locale.ROOT)) {
            case "jpa":
                if (uri.isPresent()) {
                    throw new IllegalArgumentException("latchkey.redis.uri is set, but latchkey.store is jpa: set"
                            + " latchkey.store=redis to keep sessions in Redis, or remove latchkey.redis.uri");
                }
                return null;
            case "redis":
                if (uri.isEmpty()) {
                    throw new IllegalArgumentException("latchkey.redis.uri must be set when latchkey.store is redis,"
                            + " such as redis://localhost:6379 or rediss://user:password@redis.example.com:6380/0");
                }
                return checked(uri.get(), values.text("latchkey.redis.prefix").orElse(null));
            default:
                throw new IllegalArgumentException("latchkey.store must be jpa or redis but was: " + store);
        }
    }

    private static RedisSettings checked(String uri, String prefix) {
        RedisSessionStore.Builder builder;
        try {
            builder = RedisSessionStore.builder(uri);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("latchkey.redis.uri: " + e.getMessage(), e);
        }
        if (prefix != null) {
            try {
                builder.prefix(prefix);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("latchkey.redis.prefix: " + e.getMessage(), e);
            }
        }
        return new RedisSettings(uri, prefix);
    }

    /** Without the URI, which may hold a password. */
    @Override
    public String toString() {
        return "RedisSettings[uri=(not shown), prefix=" + prefix + "]";
    }
}

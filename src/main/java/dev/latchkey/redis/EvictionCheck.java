package dev.latchkey.redis;

import dev.latchkey.core.Message;

/** The start-up check that the Redis reached keeps every key until it expires ({@code LK-408}). */
final class EvictionCheck {

    private EvictionCheck() {
    }

    /**
     * Refuses a Redis that may evict keys: every key of Latchkey's has a time to live, so under a
     * {@code volatile-*} policy (the default of several managed services) or an {@code allkeys-*} one
     * the rarely read set of a user's sessions can be evicted while the sessions live, and signing the
     * user out everywhere, a password change or new groups would then reach none of them, silently.
     *
     * @return the policy, for the start-up line
     * @throws IllegalStateException ({@code LK-408}) naming the policy and how to change it
     */
    static String policy(RedisClient redis, RedisAddress address) {
        String policy = redis.evictionPolicy("start-up check");
        if (policy == null) {
            return "eviction policy not told by INFO memory";
        }
        if (!policy.equals("noeviction")) {
            throw new IllegalStateException(Message.REDIS_EVICTION.error("the Redis at " + address.describe()
                    + " has maxmemory-policy " + policy.replaceAll("[^a-z0-9-]", "?") + ", under which it may evict Latchkey's keys"
                    + " (every one has a time to live): revocation would then miss sessions without an error"));
        }
        return "maxmemory-policy noeviction";
    }
}

package dev.latchkey.redis;

/**
 * Where things are in Redis, all under one prefix: {@code <prefix>s:<id>} a session's hash,
 * {@code <prefix>u:<userId>} the set of a user's session ids, {@code <prefix>expiry} the sorted set
 * of session ids by idle deadline, {@code <prefix>a:<key>} a sign-in failure counter. The scripts
 * build the same names from the prefix.
 *
 * @param prefix put before every key, so that several applications can share one Redis database
 */
record KeyLayout(String prefix) {

    /** A session's hash. */
    String session(String id) {
        return prefix + "s:" + id;
    }

    /** The set of a user's session ids. */
    String user(String userId) {
        return prefix + "u:" + userId;
    }

    /** The sorted set of session ids by idle deadline (epoch milliseconds). */
    String expiry() {
        return prefix + "expiry";
    }

    /** A sign-in failure counter. */
    String attempt(String key) {
        return prefix + "a:" + key;
    }
}

package dev.latchkey.redis;

/**
 * The Lua scripts behind every session write that must be atomic: a check and the change it allows,
 * together with the upkeep of the per-user set and the expiry index, in one step no other client can
 * come between. Keys are built as {@link KeyLayout} builds them: {@code ARGV[1]} is always the prefix.
 * Redis runs one script at a time, so each is short and touches one user's keys or one batch.
 */
final class SessionScripts {

    private SessionScripts() {
    }

    /**
     * A new session, unless its id exists. KEYS: session, user set, expiry index. ARGV: prefix, id,
     * expiresAt, TTL in ms, prune-before (ms), then the hash's fields and values. Returns 1, or 0 for a
     * duplicate. Index entries of sessions whose key has long expired are pruned on the way.
     */
    static final Script INSERT = Script.of("""
            if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
            redis.call('HSET', KEYS[1], unpack(ARGV, 6))
            redis.call('PEXPIRE', KEYS[1], ARGV[4])
            redis.call('SADD', KEYS[2], ARGV[2])
            if redis.call('PTTL', KEYS[2]) < tonumber(ARGV[4]) then redis.call('PEXPIRE', KEYS[2], ARGV[4]) end
            redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', '(' .. ARGV[5])
            redis.call('ZADD', KEYS[3], ARGV[3], ARGV[2])
            return 1
            """);

    /**
     * A new idle deadline, only if the current one is the expected one; the key's TTL moves with it.
     * KEYS: session. ARGV: prefix, id, expected expiresAt, new expiresAt, renewedAt, TTL in ms.
     * Returns 1 if renewed. Deadlines are compared as the decimal strings stored: exactly.
     */
    static final Script RENEW = Script.of("""
            if redis.call('HGET', KEYS[1], 'expiresAt') ~= ARGV[3] then return 0 end
            redis.call('HSET', KEYS[1], 'expiresAt', ARGV[4], 'renewedAt', ARGV[5])
            redis.call('PEXPIRE', KEYS[1], ARGV[6])
            local user = ARGV[1] .. 'u:' .. redis.call('HGET', KEYS[1], 'userId')
            redis.call('SADD', user, ARGV[2])
            if redis.call('PTTL', user) < tonumber(ARGV[6]) then redis.call('PEXPIRE', user, ARGV[6]) end
            redis.call('ZADD', ARGV[1] .. 'expiry', ARGV[4], ARGV[2])
            return 1
            """);

    /**
     * Deletes one session with its index entries; with a non-empty {@code ARGV[3]}, only if its
     * deadline still is that. KEYS: session. ARGV: prefix, id, expected expiresAt or ''. Returns 1 if deleted.
     */
    static final Script DELETE = Script.of("""
            local found = redis.call('HMGET', KEYS[1], 'userId', 'expiresAt')
            if not found[1] then return 0 end
            if ARGV[3] ~= '' and found[2] ~= ARGV[3] then return 0 end
            redis.call('DEL', KEYS[1])
            redis.call('SREM', ARGV[1] .. 'u:' .. found[1], ARGV[2])
            redis.call('ZREM', ARGV[1] .. 'expiry', ARGV[2])
            return 1
            """);

    /**
     * Deletes a user's sessions but {@code ARGV[2]} (or all, for ''). KEYS: user set. ARGV: prefix,
     * id to keep or ''. Returns how many sessions existed and were deleted.
     */
    static final Script DELETE_USER = Script.of("""
            local deleted = 0
            for _, id in ipairs(redis.call('SMEMBERS', KEYS[1])) do
              if id ~= ARGV[2] then
                deleted = deleted + redis.call('DEL', ARGV[1] .. 's:' .. id)
                redis.call('SREM', KEYS[1], id)
                redis.call('ZREM', ARGV[1] .. 'expiry', id)
              end
            end
            return deleted
            """);

    /**
     * Replaces the groups of every session of a user ('' removes them). KEYS: user set. ARGV: prefix,
     * groups. Returns how many sessions were changed; ids whose key has expired leave the set.
     */
    static final Script UPDATE_GROUPS = Script.of("""
            local changed = 0
            for _, id in ipairs(redis.call('SMEMBERS', KEYS[1])) do
              local key = ARGV[1] .. 's:' .. id
              if redis.call('EXISTS', key) == 1 then
                if ARGV[2] == '' then redis.call('HDEL', key, 'groups') else redis.call('HSET', key, 'groups', ARGV[2]) end
                changed = changed + 1
              else
                redis.call('SREM', KEYS[1], id)
                redis.call('ZREM', ARGV[1] .. 'expiry', id)
              end
            end
            return changed
            """);

    /** Sets {@code authenticatedAt} of an existing session. KEYS: session. ARGV: prefix, at. Returns 1 if it exists. */
    static final Script MARK_AUTHENTICATED = Script.of("""
            if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
            redis.call('HSET', KEYS[1], 'authenticatedAt', ARGV[2])
            return 1
            """);

    /**
     * A user's sessions: id, then the hash's fields and values, for each; ids whose key has expired
     * leave the set. KEYS: user set. ARGV: prefix.
     */
    static final Script LIST_USER = Script.of("""
            local sessions = {}
            for _, id in ipairs(redis.call('SMEMBERS', KEYS[1])) do
              local hash = redis.call('HGETALL', ARGV[1] .. 's:' .. id)
              if #hash == 0 then
                redis.call('SREM', KEYS[1], id)
                redis.call('ZREM', ARGV[1] .. 'expiry', id)
              else
                sessions[#sessions + 1] = id
                sessions[#sessions + 1] = hash
              end
            end
            return sessions
            """);

    /**
     * Deletes at most {@code ARGV[3]} sessions whose deadline is at or before {@code ARGV[2]}, oldest
     * deadline first, after pruning index entries of keys long expired. KEYS: expiry index. ARGV:
     * prefix, now (ms), limit, prune-before (ms). Returns how many sessions were deleted.
     */
    static final Script DELETE_EXPIRED = Script.of("""
            redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', '(' .. ARGV[4])
            local deleted = 0
            for _, id in ipairs(redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[2], 'LIMIT', 0, ARGV[3])) do
              local key = ARGV[1] .. 's:' .. id
              local found = redis.call('HMGET', key, 'userId', 'expiresAt')
              if not found[1] then
                redis.call('ZREM', KEYS[1], id)
              elseif tonumber(found[2]) <= tonumber(ARGV[2]) then
                redis.call('DEL', key)
                redis.call('SREM', ARGV[1] .. 'u:' .. found[1], id)
                redis.call('ZREM', KEYS[1], id)
                deleted = deleted + 1
              end
            end
            return deleted
            """);
}

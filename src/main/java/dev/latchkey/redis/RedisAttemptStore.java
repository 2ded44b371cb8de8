package dev.latchkey.redis;

import dev.latchkey.throttle.AttemptStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * Sign-in failure counters in Redis, shared by every node: a hash per counter ({@code count},
 * {@code last} failure and {@code blockedUntil}, epoch milliseconds) that expires by itself once the
 * counter is forgotten or the block is over, whichever is later. {@link #deleteForgotten} has nothing
 * to do.
 *
 * <p>A failure is counted by one script (the count goes up, or starts again when the last failure was
 * before {@code forgetBefore}: no count is ever lost), then the block is extended by another (the
 * later deadline wins), since the delay comes from a Java function of the count.
 */
final class RedisAttemptStore implements AttemptStore {

    private static final Script FAIL = Script.of("""
            local last = redis.call('HGET', KEYS[1], 'last')
            local count
            if last and tonumber(last) >= tonumber(ARGV[2]) then
              count = redis.call('HINCRBY', KEYS[1], 'count', 1)
            else
              count = 1
              redis.call('HSET', KEYS[1], 'count', 1)
            end
            redis.call('HSET', KEYS[1], 'last', ARGV[1])
            if redis.call('PTTL', KEYS[1]) < tonumber(ARGV[3]) then redis.call('PEXPIRE', KEYS[1], ARGV[3]) end
            return count
            """);

    private static final Script BLOCK = Script.of("""
            if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
            local blocked = redis.call('HGET', KEYS[1], 'blockedUntil')
            if not blocked or tonumber(blocked) < tonumber(ARGV[1]) then
              redis.call('HSET', KEYS[1], 'blockedUntil', ARGV[1])
            end
            if redis.call('PTTL', KEYS[1]) < tonumber(ARGV[2]) then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
            return 1
            """);

    private static final Script BLOCKED_UNTIL = Script.of("""
            local latest = false
            for _, key in ipairs(KEYS) do
              local blocked = redis.call('HGET', key, 'blockedUntil')
              if blocked and (not latest or tonumber(blocked) > tonumber(latest)) then latest = blocked end
            end
            return latest
            """);

    private final RedisClient redis;
    private final KeyLayout keys;

    RedisAttemptStore(RedisClient redis, KeyLayout keys) {
        this.redis = redis;
        this.keys = keys;
    }

    @Override
    public Optional<Instant> blockedUntil(Collection<String> counterKeys) {
        if (counterKeys.isEmpty()) {
            return Optional.empty();
        }
        Object latest = redis.runRead("reading sign-in failure counters", BLOCKED_UNTIL,
                counterKeys.stream().map(keys::attempt).toList(), List.of());
        return latest == null ? Optional.empty() : Optional.of(Instant.ofEpochMilli(Long.parseLong(latest.toString())));
    }

    @Override
    public int fail(String key, Instant now, Instant forgetBefore, IntFunction<Duration> delayAfter) {
        String counter = keys.attempt(key);
        long forgetMillis = Math.max(1, now.toEpochMilli() - forgetBefore.toEpochMilli());
        Object count = redis.run("counting a sign-in failure", FAIL, List.of(counter),
                List.of(Long.toString(now.toEpochMilli()), Long.toString(forgetBefore.toEpochMilli()), Long.toString(forgetMillis)));
        int failures = Math.toIntExact((Long) count);
        Instant until = now.plus(delayAfter.apply(failures));
        long blockMillis = Math.max(forgetMillis, until.toEpochMilli() - now.toEpochMilli());
        redis.run("blocking sign-ins", BLOCK, List.of(counter),
                List.of(Long.toString(until.toEpochMilli()), Long.toString(blockMillis)));
        return failures;
    }

    @Override
    public void clear(String key) {
        redis.delete("clearing sign-in failures", keys.attempt(key));
    }

    /** Nothing to do: a counter's key expires by itself once it is forgotten. */
    @Override
    public int deleteForgotten(Instant lastFailureBefore, int limit) {
        return 0;
    }
}

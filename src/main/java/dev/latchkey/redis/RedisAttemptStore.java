package dev.latchkey.redis;

import dev.latchkey.throttle.AttemptStore;
import dev.latchkey.throttle.ThrottleLimit;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Sign-in attempt counters in Redis, shared by every node: a hash per counter ({@code count},
 * {@code last} attempt and {@code blockedUntil}, epoch milliseconds) that expires by itself once the
 * counter is forgotten or the block is over, whichever is later. {@link #deleteForgotten} has nothing
 * to do.
 *
 * <p>An attempt is reserved by one script over all its counters, which Redis runs atomically: while
 * one of them is blocked it counts nothing; otherwise each count goes up (or starts again when the last
 * attempt was before {@code forgetBefore}: no count is ever lost) and its block is written with it, the
 * delay computed in the script by the rule of {@link ThrottleLimit#delayAfter} from the limit's numbers,
 * so that no second attempt can slip in between a count and its block.
 */
final class RedisAttemptStore implements AttemptStore {

    /** ThrottleLimit.delayAfter in Lua: the wait after the count-th attempt under a limit's failures, first and max delay. */
    private static final String DELAY = """
            local function delay(count, failures, first, max)
              if failures <= 0 or count < failures then return 0 end
              local doublings = math.min(count - failures, 40)
              if doublings >= 30 then return max end
              return math.min(first * 2 ^ doublings, max)
            end
            """;

    /** KEYS: the counters. ARGV: now, forgetBefore, the least time to live, then per key its limit's failures, first and max delay. */
    private static final Script RESERVE = Script.of(DELAY + """
            local now = tonumber(ARGV[1])
            local latest = nil
            for _, key in ipairs(KEYS) do
              local blocked = tonumber(redis.call('HGET', key, 'blockedUntil'))
              if blocked and blocked > now and (not latest or blocked > latest) then latest = blocked end
            end
            if latest then return string.format('%.0f', latest) end
            for i, key in ipairs(KEYS) do
              local at = 3 + (i - 1) * 3
              local failures, first, max = tonumber(ARGV[at + 1]), tonumber(ARGV[at + 2]), tonumber(ARGV[at + 3])
              local last = tonumber(redis.call('HGET', key, 'last'))
              local count
              if last and last >= tonumber(ARGV[2]) then
                count = redis.call('HINCRBY', key, 'count', 1)
              else
                count = 1
                redis.call('HSET', key, 'count', 1)
              end
              local wait = delay(count, failures, first, max)
              redis.call('HSET', key, 'last', ARGV[1], 'blockedUntil', string.format('%.0f', now + wait))
              local ttl = math.max(tonumber(ARGV[3]), wait)
              if redis.call('PTTL', key) < ttl then redis.call('PEXPIRE', key, string.format('%.0f', ttl)) end
            end
            return false
            """);

    /** KEYS: the counter. ARGV: its limit's failures, first and max delay. */
    private static final Script RELEASE = Script.of(DELAY + """
            local count = tonumber(redis.call('HGET', KEYS[1], 'count'))
            if not count or count <= 0 then return 0 end
            count = redis.call('HINCRBY', KEYS[1], 'count', -1)
            local last = tonumber(redis.call('HGET', KEYS[1], 'last'))
            local wait = delay(count, tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]))
            redis.call('HSET', KEYS[1], 'blockedUntil', string.format('%.0f', last + wait))
            return 1
            """);

    private final RedisClient redis;
    private final KeyLayout keys;

    RedisAttemptStore(RedisClient redis, KeyLayout keys) {
        this.redis = redis;
        this.keys = keys;
    }

    @Override
    public Optional<Instant> reserve(List<Counter> counters, Instant now, Instant forgetBefore) {
        if (counters.isEmpty()) {
            return Optional.empty();
        }
        List<String> args = new ArrayList<>();
        args.add(Long.toString(now.toEpochMilli()));
        args.add(Long.toString(forgetBefore.toEpochMilli()));
        args.add(Long.toString(Math.max(1, now.toEpochMilli() - forgetBefore.toEpochMilli())));
        for (Counter counter : counters) {
            args.addAll(limit(counter.limit()));
        }
        Object blocked = redis.run("counting a sign-in attempt", RESERVE,
                counters.stream().map(counter -> keys.attempt(counter.key())).toList(), args);
        return blocked == null ? Optional.empty() : Optional.of(Instant.ofEpochMilli(Long.parseLong(blocked.toString())));
    }

    /** A limit as the scripts take it: failures, first and max delay in milliseconds. */
    private static List<String> limit(ThrottleLimit limit) {
        return List.of(Integer.toString(limit.failures()), Long.toString(limit.firstDelay().toMillis()),
                Long.toString(limit.maxDelay().toMillis()));
    }

    @Override
    public void release(Counter counter) {
        redis.run("giving back a sign-in attempt", RELEASE, List.of(keys.attempt(counter.key())), limit(counter.limit()));
    }

    @Override
    public void clear(String key) {
        redis.delete("clearing sign-in attempts", keys.attempt(key));
    }

    /** Nothing to do: a counter's key expires by itself once it is forgotten. */
    @Override
    public int deleteForgotten(Instant lastAttemptBefore, int limit) {
        return 0;
    }
}

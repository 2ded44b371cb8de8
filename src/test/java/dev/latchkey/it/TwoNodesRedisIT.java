package dev.latchkey.it;

import dev.latchkey.it.support.RedisBackend;
/**
 * Two Payara Micro nodes with {@code latchkey.store=redis} on one Redis (their accounts in one
 * PostgreSQL): the same proofs as on the database, the outage being a Redis with persistence that
 * goes down and comes back.
 */
class TwoNodesRedisIT extends TwoNodesSuite {

    TwoNodesRedisIT() {
        super(new RedisBackend());
    }
}

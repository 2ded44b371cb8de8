/**
 * The optional Redis store ({@code latchkey.store=redis}): sessions, and the sign-in failure counters,
 * in Redis, with native expiry, a per-user index and conditional writes as Lua scripts. The one public
 * type is {@link dev.latchkey.redis.RedisSessionStore}; the client, the scripts and the key layout are
 * package-private.
 *
 * <p>The client is Jedis ({@code redis.clients:jedis}), an optional dependency the application adds
 * when it uses Redis: a synchronous API, as the store interface is synchronous; plain sockets in a
 * connection pool, with no thread of its own (the pool's evictor is off), rather than the Netty event
 * loops of an asynchronous client, whose threads the container would not manage; and a small set of
 * dependencies (commons-pool2, slf4j-api, gson, org.json). Nothing in Latchkey loads a Jedis class
 * unless this store is used.
 */
package dev.latchkey.redis;

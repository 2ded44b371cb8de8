package dev.latchkey.it.support;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Where the nodes of {@code dev.latchkey.it.TwoNodesSuite} keep their sessions, started in the test JVM: how a node is
 * pointed at it, what the test reads and changes in it directly (as an operator could), and an
 * outage (stop, start again). One implementation per store: PostgreSQL and MariaDB through the
 * shipped Payara command files ({@link DatabaseBackend}), Redis ({@link RedisBackend}).
 */
public interface SessionBackend {

    /** Product and version, for the test output. */
    String description();

    /** Payara Micro arguments every node gets (driver libraries, a post-boot command file written under {@code work}). */
    List<String> payaraArguments(Path work);

    /** Settings every deployment gets besides the test application's own (context parameters). */
    Map<String, String> settings();

    /**
     * Called before the nodes start: an empty store with what the nodes expect to find, as a
     * production deployment prepares it (for a database, the tables from the scripts in the jar).
     */
    void prepare();

    /** Called once the nodes have deployed: what the test needs besides (write counting). */
    void nodesStarted();

    /** The ids of every stored session. */
    Set<String> sessionIds();

    /** The stored idle deadline of a session, empty when there is no such session. */
    Optional<Instant> expiresAt(String id);

    /** Sets a session's stored idle deadline behind the nodes' backs, as time passing would. */
    void setExpiresAt(String id, Instant expiresAt);

    /** Starts counting the writes that change an existing session (renewals) from zero. */
    void countWrites();

    /** How many writes changed session {@code id} since {@link #countWrites()}. */
    int writesTo(String id);

    /**
     * How many conditional writes were tried since {@link #countWrites()}, including those that
     * changed nothing (another node renewed first); empty where the store cannot tell.
     */
    OptionalInt writesTried();

    /** Stops the backend as an outage would: open connections are cut, the data stays. */
    void stop();

    /** Starts the stopped backend again, with its data, at the same address. */
    void start();
}

package dev.latchkey.core;

/**
 * A message Latchkey writes to a log, a response header or a deployment error: its stable id, what
 * happened, and what to do about it. Each area declares its own, in an enum and an id range of its own
 * ({@link Message} for the core, {@code dev.latchkey.oauth.OAuthMessage} for sign-in with providers);
 * docs/troubleshooting.md has a row for every one.
 */
public interface MessageId {

    /** The stable id, such as {@code LK-104}. */
    String id();

    /** What happened, in one line; never holds a value the client sent. */
    String summary();

    /** What to do about it. */
    String fix();

    /** A log line: the id, then {@code detail}. */
    default String line(String detail) {
        return id() + " " + detail;
    }

    /** The text of a deployment error: {@code Latchkey LK-4xx: detail. fix} */
    default String error(String detail) {
        return "Latchkey " + id() + ": " + detail + (detail.endsWith(".") ? " " : ". ") + fix();
    }
}

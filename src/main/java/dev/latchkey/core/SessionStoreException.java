package dev.latchkey.core;

/**
 * The session store failed: the database is unreachable, a statement failed, the table is missing.
 *
 * <p>Stores throw only this. {@link dev.latchkey.core.Latchkey#validateSession(String)} turns it
 * into {@link dev.latchkey.core.Reason#STORE_UNAVAILABLE}; other operations let it through. Its
 * message names the operation, never a token.
 */
public class SessionStoreException extends RuntimeException {

    /** A failure with its cause. */
    public SessionStoreException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A failure without an underlying exception. */
    public SessionStoreException(String message) {
        super(message);
    }
}

package dev.latchkey.core;

import java.util.Arrays;
import java.util.Objects;

/**
 * A session as a store keeps it: the session and the SHA-256 hash of its token's secret.
 *
 * @param session    the session
 * @param secretHash the 32-byte SHA-256 hash of the token's secret; never the secret itself
 */
public record StoredSession(Session session, byte[] secretHash) {

    /** Length of {@link #secretHash()} in bytes. */
    public static final int SECRET_HASH_BYTES = 32;

    /** Checks the hash length and copies it. */
    public StoredSession {
        Objects.requireNonNull(session, "session");
        if (secretHash == null || secretHash.length != SECRET_HASH_BYTES) {
            throw new IllegalArgumentException("secretHash must be " + SECRET_HASH_BYTES + " bytes");
        }
        secretHash = secretHash.clone();
    }

    /** A copy of the hash. */
    @Override
    public byte[] secretHash() {
        return secretHash.clone();
    }

    /** The session id. */
    public String id() {
        return session.id();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StoredSession other && session.equals(other.session)
                && Arrays.equals(secretHash, other.secretHash);
    }

    @Override
    public int hashCode() {
        return 31 * session.hashCode() + Arrays.hashCode(secretHash);
    }

    @Override
    public String toString() {
        return "StoredSession[" + session + "]";
    }
}

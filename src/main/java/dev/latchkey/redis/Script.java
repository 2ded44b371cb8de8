package dev.latchkey.redis;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A Lua script, run atomically by Redis, with the SHA-1 digest {@code EVALSHA} names it by.
 *
 * @param source the Lua text
 * @param sha1   its SHA-1 digest in lower-case hex, as Redis computes it
 */
record Script(String source, String sha1) {

    /** A script and its digest. */
    static Script of(String source) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest(source.getBytes(StandardCharsets.UTF_8));
            return new Script(source, HexFormat.of().formatHex(digest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-1", e);
        }
    }
}

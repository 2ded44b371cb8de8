package dev.latchkey.internal.oauth;

import dev.latchkey.internal.web.ReturnPath;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * What a sign-in with a provider carries from its start to its callback, in the browser's state
 * cookie: the state sent to the provider, the PKCE verifier, the nonce, when it started, the provider,
 * "remember me", the page to return to, and — for a flow that links an identity to the signed-in
 * user rather than signs in — a hash of the id of the session that started it. The cookie holds this
 * sealed by {@link FlowSeal}, so that none of it can be changed in the browser.
 *
 * @param linkSession {@link #sessionHash} of the session that started a link, or {@code null} for a sign-in
 */
record FlowState(String state, String verifier, String nonce, Instant startedAt, String provider, boolean rememberMe,
                 String returnPath, String linkSession) {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final String RANDOM = "[A-Za-z0-9_-]{43}";
    private static final String NO_SESSION = "-";

    static FlowState start(SecureRandom random, Instant now, String provider, boolean rememberMe, String returnPath,
            String linkSession) {
        return new FlowState(randomText(random), randomText(random), randomText(random), now, provider, rememberMe,
                returnPath, linkSession);
    }

    /** Whether the flow links an identity to the signed-in user, rather than signs in. */
    boolean link() {
        return linkSession != null;
    }

    /** 32 random bytes in base64url: 256 bits, and a valid PKCE verifier (RFC 7636: 43-128 characters). */
    private static String randomText(SecureRandom random) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return ENCODER.encodeToString(bytes);
    }

    /** A session id as a link flow holds it: SHA-256 in base64url, so that the cookie never carries the id itself. */
    static String sessionHash(String sessionId) {
        try {
            return ENCODER.encodeToString(MessageDigest.getInstance("SHA-256").digest(sessionId.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** The text that is sealed: fields separated by dots, each of cookie-safe characters. */
    String encode() {
        return String.join(".", state, verifier, nonce, Long.toString(startedAt.toEpochMilli()), provider,
                rememberMe ? "r" : "b", ENCODER.encodeToString(returnPath.getBytes(StandardCharsets.UTF_8)),
                linkSession == null ? NO_SESSION : linkSession);
    }

    /**
     * Reads what {@link #encode()} wrote; empty for anything else.
     *
     * @return the flow, or empty
     */
    static Optional<FlowState> decode(String value) {
        if (value == null || value.length() > 1024) {
            return Optional.empty();
        }
        String[] parts = value.split("\\.", -1);
        if (parts.length != 8 || !parts[0].matches(RANDOM) || !parts[1].matches(RANDOM) || !parts[2].matches(RANDOM)
                || !parts[3].matches("\\d{1,15}") || !parts[4].matches("[a-z0-9][a-z0-9-]{0,39}")
                || !parts[5].matches("[rb]") || !(parts[7].equals(NO_SESSION) || parts[7].matches(RANDOM))) {
            return Optional.empty();
        }
        try {
            String returnPath = new String(DECODER.decode(parts[6]), StandardCharsets.UTF_8);
            return Optional.of(new FlowState(parts[0], parts[1], parts[2], Instant.ofEpochMilli(Long.parseLong(parts[3])),
                    parts[4], parts[5].equals("r"), ReturnPath.check(returnPath),
                    parts[7].equals(NO_SESSION) ? null : parts[7]));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return "FlowState[" + provider + (link() ? ", link" : "") + ", started " + startedAt + "]";
    }
}

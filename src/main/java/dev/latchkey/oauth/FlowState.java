package dev.latchkey.oauth;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * What a sign-in with a provider carries from its start to its callback, in the browser's state
 * cookie: the state sent to the provider, the PKCE verifier, the nonce, when it started, the provider,
 * whether it links an identity rather than signs in, "remember me", and the page to return to.
 * Holds no secret of the server's: it binds the callback to the browser that started it.
 */
record FlowState(String state, String verifier, String nonce, Instant startedAt, String provider, boolean link,
                 boolean rememberMe, String returnPath) {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final String RANDOM = "[A-Za-z0-9_-]{43}";

    static FlowState start(SecureRandom random, Instant now, String provider, boolean link, boolean rememberMe,
            String returnPath) {
        return new FlowState(randomText(random), randomText(random), randomText(random), now, provider, link, rememberMe,
                returnPath);
    }

    /** 32 random bytes in base64url: 256 bits, and a valid PKCE verifier (RFC 7636: 43-128 characters). */
    private static String randomText(SecureRandom random) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return ENCODER.encodeToString(bytes);
    }

    /** The cookie value: fields separated by dots, each of cookie-safe characters. */
    String encode() {
        return String.join(".", state, verifier, nonce, Long.toString(startedAt.toEpochMilli()), provider,
                (link ? "l" : "s") + (rememberMe ? "r" : "b"),
                ENCODER.encodeToString(returnPath.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Reads a cookie value; empty for anything that is not exactly what {@link #encode()} writes.
     *
     * @return the flow, or empty
     */
    static Optional<FlowState> decode(String value) {
        if (value == null || value.length() > 1024) {
            return Optional.empty();
        }
        String[] parts = value.split("\\.", -1);
        if (parts.length != 7 || !parts[0].matches(RANDOM) || !parts[1].matches(RANDOM) || !parts[2].matches(RANDOM)
                || !parts[3].matches("\\d{1,15}") || !parts[4].matches("[a-z0-9][a-z0-9-]{0,39}")
                || !parts[5].matches("[ls][rb]")) {
            return Optional.empty();
        }
        try {
            String returnPath = new String(DECODER.decode(parts[6]), StandardCharsets.UTF_8);
            return Optional.of(new FlowState(parts[0], parts[1], parts[2], Instant.ofEpochMilli(Long.parseLong(parts[3])),
                    parts[4], parts[5].charAt(0) == 'l', parts[5].charAt(1) == 'r', ReturnPath.check(returnPath)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return "FlowState[" + provider + (link ? ", link" : "") + ", started " + startedAt + "]";
    }
}

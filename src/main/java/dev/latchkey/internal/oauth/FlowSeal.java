package dev.latchkey.internal.oauth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals the state cookie: its value is the flow ({@link FlowState#encode()}) and an HMAC-SHA256 of it
 * under the server's state key, so that a browser can carry the flow but not change it — not the page
 * it returns to, not "remember me", and not whether it links an identity to the signed-in user.
 *
 * <p>The key comes from {@value #SETTING}: base64 of at least 32 random bytes, the same on every node
 * of an application. Without it each start of the application makes a key of its own: enough for one
 * node, but a sign-in started before a restart, or on another node, then fails once ({@code LK-503}).
 * The setting may list several keys, separated by commas: the first seals, every one opens, so that a
 * key is replaced without failing the sign-ins under way (list the new one first; drop the old one
 * after ten minutes, the longest a flow lives).
 */
final class FlowSeal {

    static final String SETTING = "latchkey.oauth.state-key";
    private static final int MIN_KEY_BYTES = 32;
    private static final byte[] PURPOSE = "latchkey oauth state\n".getBytes(StandardCharsets.US_ASCII);
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final int MAC_LENGTH = 43;

    private final List<SecretKeySpec> keys;
    private final boolean configured;

    private FlowSeal(List<SecretKeySpec> keys, boolean configured) {
        this.keys = keys;
        this.configured = configured;
    }

    /**
     * The seal of the setting's keys, or of a key made now when the setting is absent.
     *
     * @throws IllegalArgumentException naming the setting when a key is not base64 of at least 32 bytes
     */
    static FlowSeal of(Optional<String> setting, SecureRandom random) {
        if (setting.isEmpty() || setting.get().isBlank()) {
            byte[] key = new byte[MIN_KEY_BYTES];
            random.nextBytes(key);
            return new FlowSeal(List.of(new SecretKeySpec(key, "HmacSHA256")), false);
        }
        List<SecretKeySpec> keys = new ArrayList<>();
        for (String text : setting.get().split(",")) {
            byte[] key;
            try {
                String trimmed = text.strip();
                key = (trimmed.indexOf('-') >= 0 || trimmed.indexOf('_') >= 0 ? Base64.getUrlDecoder() : Base64.getDecoder())
                        .decode(trimmed);
            } catch (IllegalArgumentException e) {
                key = new byte[0];
            }
            if (key.length < MIN_KEY_BYTES) {
                throw new IllegalArgumentException(SETTING + ": each key must be base64 of at least " + MIN_KEY_BYTES
                        + " random bytes (openssl rand -base64 32), but key " + (keys.size() + 1) + " is not");
            }
            keys.add(new SecretKeySpec(key, "HmacSHA256"));
        }
        return new FlowSeal(List.copyOf(keys), true);
    }

    /** Whether the keys come from the setting (rather than from this start of the application). */
    boolean configured() {
        return configured;
    }

    /** The cookie value of a flow. */
    String seal(FlowState flow) {
        String text = flow.encode();
        return text + "." + ENCODER.encodeToString(mac(keys.get(0), text));
    }

    /**
     * The flow of a cookie value, when one of the keys sealed it; empty for anything else.
     *
     * @return the flow, or empty
     */
    Optional<FlowState> open(String value) {
        int dot = value == null ? -1 : value.lastIndexOf('.');
        if (dot < 0 || value.length() - dot - 1 != MAC_LENGTH || value.length() > 1100) {
            return Optional.empty();
        }
        String text = value.substring(0, dot);
        byte[] given = value.substring(dot + 1).getBytes(StandardCharsets.US_ASCII);
        boolean sealed = false;
        for (SecretKeySpec key : keys) {
            sealed |= MessageDigest.isEqual(given, ENCODER.encode(mac(key, text)));
        }
        return sealed ? FlowState.decode(text) : Optional.empty();
    }

    private static byte[] mac(SecretKeySpec key, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(PURPOSE);
            return mac.doFinal(text.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }
}

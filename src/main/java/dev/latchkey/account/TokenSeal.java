package dev.latchkey.account;

import dev.latchkey.oauth.ProviderTokens;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Provider tokens sealed for the database with AES-256-GCM: a fresh 96-bit nonce per seal, and the
 * account and provider as associated data, so that a sealed value copied to another row does not
 * open. The key is {@code latchkey.accounts.token-key}: 32 random bytes in base64.
 */
final class TokenSeal {

    static final String KEY_SETTING = "latchkey.accounts.token-key";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    private TokenSeal(byte[] key) {
        this.key = new SecretKeySpec(key, "AES");
    }

    /**
     * The seal of a key setting's value.
     *
     * @throws IllegalArgumentException naming the setting (never its value) when it is not 32 bytes in base64
     */
    static TokenSeal of(String base64Key) {
        byte[] key;
        try {
            String text = base64Key.strip();
            key = text.contains("-") || text.contains("_") ? Base64.getUrlDecoder().decode(text) : Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(KEY_SETTING + " must be 32 random bytes in base64 (openssl rand -base64 32);"
                    + " it is not base64");
        }
        if (key.length != 32) {
            throw new IllegalArgumentException(KEY_SETTING + " must be 32 random bytes in base64 (openssl rand -base64 32);"
                    + " it is " + key.length + " bytes");
        }
        return new TokenSeal(key);
    }

    String seal(ProviderTokens tokens, String userName, String provider) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associated(userName, provider));
            byte[] sealed = cipher.doFinal(serialize(tokens));
            byte[] all = Arrays.copyOf(nonce, NONCE_BYTES + sealed.length);
            System.arraycopy(sealed, 0, all, NONCE_BYTES, sealed.length);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(all);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JVM", e);
        }
    }

    /** The tokens, or empty when the value was sealed with another key or for another row, or altered. */
    Optional<ProviderTokens> open(String sealed, String userName, String provider) {
        try {
            byte[] all = Base64.getUrlDecoder().decode(sealed);
            if (all.length <= NONCE_BYTES) {
                return Optional.empty();
            }
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 0, NONCE_BYTES));
            cipher.updateAAD(associated(userName, provider));
            return Optional.of(deserialize(cipher.doFinal(all, NONCE_BYTES, all.length - NONCE_BYTES)));
        } catch (GeneralSecurityException | IllegalArgumentException | IOException e) {
            return Optional.empty();
        }
    }

    private static byte[] associated(String userName, String provider) {
        return ("latchkey_account_token\u0000" + userName + "\u0000" + provider).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] serialize(ProviderTokens tokens) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            write(out, tokens.accessToken());
            write(out, tokens.refreshToken().orElse(""));
            out.writeLong(tokens.expiresAt().map(Instant::toEpochMilli).orElse(Long.MIN_VALUE));
            write(out, String.join(" ", tokens.scopes()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static ProviderTokens deserialize(byte[] plain) throws IOException {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(plain))) {
            String access = read(in);
            String refresh = read(in);
            long expires = in.readLong();
            String scopes = read(in);
            return new ProviderTokens(access, refresh.isEmpty() ? null : refresh,
                    expires == Long.MIN_VALUE ? null : Instant.ofEpochMilli(expires),
                    scopes.isEmpty() ? List.of() : List.of(scopes.split(" ")));
        }
    }

    private static void write(DataOutputStream out, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static String read(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > in.available()) {
            throw new IOException("a sealed token of the wrong shape");
        }
        return new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }
}

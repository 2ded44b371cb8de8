package dev.latchkey.oauth;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The tokens a provider handed out at a sign-in, for an application that calls the provider's API
 * for its user (GitHub's repositories, Google's calendar). Latchkey keeps them only for providers with
 * {@code latchkey.oauth.<name>.keep-tokens=true}, and then only encrypted; they never reach the
 * browser or a log, and {@link #toString()} shows neither.
 */
public final class ProviderTokens {

    private final String accessToken;
    private final String refreshToken;
    private final Instant expiresAt;
    private final List<String> scopes;

    /**
     * @param accessToken  the access token
     * @param refreshToken the refresh token, or {@code null}
     * @param expiresAt    when the access token expires, or {@code null} when the provider did not say
     * @param scopes       the scopes granted, as the provider listed them
     */
    public ProviderTokens(String accessToken, String refreshToken, Instant expiresAt, List<String> scopes) {
        this.accessToken = Objects.requireNonNull(accessToken, "accessToken");
        this.refreshToken = refreshToken;
        this.expiresAt = expiresAt;
        this.scopes = List.copyOf(scopes == null ? List.of() : scopes);
    }

    /** The access token, for {@code Authorization: Bearer} at the provider's API. */
    public String accessToken() {
        return accessToken;
    }

    /** The refresh token, when the provider gave one. */
    public Optional<String> refreshToken() {
        return Optional.ofNullable(refreshToken);
    }

    /** When the access token expires, when the provider said. */
    public Optional<Instant> expiresAt() {
        return Optional.ofNullable(expiresAt);
    }

    /** The scopes granted. */
    public List<String> scopes() {
        return scopes;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ProviderTokens t && accessToken.equals(t.accessToken)
                && Objects.equals(refreshToken, t.refreshToken) && Objects.equals(expiresAt, t.expiresAt)
                && scopes.equals(t.scopes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(accessToken, refreshToken, expiresAt, scopes);
    }

    /** Shows no token. */
    @Override
    public String toString() {
        return "ProviderTokens[access token" + (refreshToken == null ? "" : ", refresh token")
                + (expiresAt == null ? "" : ", expires " + expiresAt) + ", scopes " + scopes + "]";
    }
}

package dev.latchkey.oauth;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Who a provider says signed in: what an {@link OAuthUsers} decides on. Holds no provider token.
 *
 * @param provider      the provider's name in Latchkey's settings, such as {@code github}
 * @param subject       the provider's stable id for the person ({@code sub}; GitHub's numeric user id)
 * @param email         the e-mail address the provider gave, or {@code null}
 * @param emailVerified whether the provider says the address is verified (GitHub: the primary, verified one)
 * @param name          the display name, or {@code null}
 * @param claims        everything else the provider said, already checked: the ID token's claims (and
 *                      the user-info answer's) for OpenID Connect, the {@code /user} answer for GitHub;
 *                      for example Google's {@code hd}, the Workspace domain
 */
public record ProviderIdentity(String provider, String subject, String email, boolean emailVerified, String name,
                               Map<String, Object> claims) {

    /** Checks that provider and subject are there, and copies the claims (without null values). */
    public ProviderIdentity {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(subject, "subject");
        Map<String, Object> copy = new LinkedHashMap<>();
        if (claims != null) {
            claims.forEach((key, value) -> {
                if (key != null && value != null) {
                    copy.put(key, value);
                }
            });
        }
        claims = Map.copyOf(copy);
    }

    /** An identity with no further claims. */
    public ProviderIdentity(String provider, String subject, String email, boolean emailVerified, String name) {
        this(provider, subject, email, emailVerified, name, Map.of());
    }

    /** A claim that is a string, such as {@code hd}. */
    public Optional<String> stringClaim(String name) {
        return claims.get(name) instanceof String value ? Optional.of(value) : Optional.empty();
    }
}

package dev.latchkey.internal.oauth;

import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import dev.latchkey.oauth.OAuthProvider;
import dev.latchkey.oauth.OAuthReason;
import java.util.Locale;

/**
 * The checks of an ID token, each failure named: present, signed (never {@code alg=none}, not
 * encrypted), then Nimbus's validation — signature by the provider's JWKS, issuer, audience, expiry,
 * nonce — and the authorized party of OpenID Connect Core 3.1.3.7. Keys that cannot be fetched are the
 * provider's unreachability, not the token's fault.
 */
final class IdTokenCheck {

    private static final String ANOTHER_ISSUER = "has another issuer";
    private static final String ANOTHER_AUDIENCE = "is for another audience";

    private IdTokenCheck() {
    }

    /**
     * The token's claims, checked.
     *
     * @throws FlowFailure {@code LK-506} naming the check, or {@code LK-510} when the keys cannot be read
     */
    static IDTokenClaimsSet validate(OAuthProvider provider, IDTokenValidator validator, OIDCProviderMetadata metadata,
            JWT idToken, String nonce, Reach reach) {
        if (idToken == null) {
            throw new FlowFailure(OAuthReason.OAUTH_ID_TOKEN_INVALID, 400, provider.name() + ": no ID token in the token response");
        }
        if (!(idToken instanceof SignedJWT)) {
            throw new FlowFailure(OAuthReason.OAUTH_ID_TOKEN_INVALID, 400, provider.name() + ": ID token "
                    + (idToken instanceof PlainJWT ? "is unsigned (alg none)" : "is encrypted, which is not supported"));
        }
        IDTokenClaimsSet claims;
        try {
            claims = validator.validate(idToken, new Nonce(nonce));
        } catch (com.nimbusds.jose.KeySourceException e) {
            reach.failed("the keys at " + metadata.getJWKSetURI() + " cannot be read");
            throw new FlowFailure(OAuthReason.OAUTH_PROVIDER_UNAVAILABLE, 503, provider.name() + ": the provider's keys at "
                    + metadata.getJWKSetURI() + " cannot be read");
        } catch (BadJOSEException | com.nimbusds.jose.JOSEException | RuntimeException e) {
            String check = whichCheck(e);
            throw new FlowFailure(OAuthReason.OAUTH_ID_TOKEN_INVALID, 400, provider.name() + ": ID token " + check
                    + (check.equals(ANOTHER_ISSUER) ? " than " + metadata.getIssuer()
                    : check.equals(ANOTHER_AUDIENCE) ? " than client-id " + provider.clientId() : ""));
        }
        checkAuthorizedParty(provider, claims);
        return claims;
    }

    /**
     * OpenID Connect Core 3.1.3.7: an ID token for several audiences must name this client as its
     * authorized party ({@code azp}), and an {@code azp} present must be this client.
     */
    private static void checkAuthorizedParty(OAuthProvider provider, IDTokenClaimsSet claims) {
        String azp = claims.getStringClaim("azp");
        boolean several = claims.getAudience() != null && claims.getAudience().size() > 1;
        if ((several || azp != null) && !provider.clientId().equals(azp)) {
            throw new FlowFailure(OAuthReason.OAUTH_ID_TOKEN_INVALID, 400, provider.name() + ": ID token "
                    + (azp == null ? "is for several audiences and names no authorized party (azp)"
                    : "names another authorized party (azp) than client-id " + provider.clientId()));
        }
    }

    /** Which check the ID token failed, from Nimbus's exception. */
    static String whichCheck(Exception e) {
        String m = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        if (m.contains("expired")) {
            return "has expired";
        }
        if (m.contains("issuer") || m.contains("iss ")) {
            return ANOTHER_ISSUER;
        }
        if (m.contains("audience") || m.contains("aud")) {
            return ANOTHER_AUDIENCE;
        }
        if (m.contains("nonce")) {
            return "has another nonce";
        }
        if (m.contains("key") || m.contains("signature") || m.contains("jws")) {
            return "has no valid signature from the provider's keys";
        }
        return "failed a check";
    }
}

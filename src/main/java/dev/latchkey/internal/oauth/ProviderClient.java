package dev.latchkey.internal.oauth;

import dev.latchkey.oauth.OAuthProvider;
import dev.latchkey.oauth.OAuthReason;
import java.net.URI;

/** One provider's side of a sign-in: where to send the browser, and who came back. */
interface ProviderClient {

    /** The provider's settings. */
    OAuthProvider provider();

    /**
     * Whether sign-ins can start: the provider answered its last call, or answers now — its metadata
     * read again (OpenID Connect discovery) or its authorization endpoint asked — when the last call
     * failed at least ten seconds ago ({@link Reach}).
     *
     * @return whether sign-ins can start
     */
    boolean ready();

    /** When a start refused because the provider cannot be reached may try again, in seconds. */
    long retryAfterSeconds();

    /** Why the last call to the provider failed, for the log; never a token or a secret. */
    String lastFailure();

    /** Where to send the browser: the authorization request with state, PKCE ({@code S256}) and nonce. */
    URI authorizationUri(URI redirectUri, FlowState flow);

    /**
     * Checks the authorization response's {@code iss} parameter (RFC 9207), against mix-up: it must
     * name this provider when given, and be given when the provider says it always sends it.
     *
     * @param iss the parameter, or {@code null}
     * @throws FlowFailure when it names another issuer or is missing though announced
     */
    default void checkIssuer(String iss) {
        if (iss != null) {
            throw new FlowFailure(OAuthReason.OAUTH_BAD_CALLBACK, 400, provider().name()
                    + ": an iss parameter from a provider that has no issuer");
        }
    }

    /**
     * Exchanges the code and finds out who signed in: the ID token checked, or the provider's API read.
     *
     * @return who signed in, and the provider's tokens (which the caller drops unless it keeps them)
     * @throws FlowFailure with the reason when anything is not as it must be
     */
    Identified identify(String code, URI redirectUri, FlowState flow);
}

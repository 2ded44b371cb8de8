package dev.latchkey.oauth;

import dev.latchkey.core.Rejection;

/**
 * Why a sign-in with a provider was refused ({@link Rejection}), each with its message of
 * {@link OAuthMessage}. An application's {@link OAuthUsers} refuses with some of them through
 * {@link OAuthRefusal}.
 */
public enum OAuthReason implements Rejection {
    /** A provider's callback came without the state cookie (expired, another host, SameSite=Strict, a proxy). */
    OAUTH_STATE_MISSING(OAuthMessage.OAUTH_STATE_MISSING),
    /** A provider's callback carried another state than the browser's cookie. */
    OAUTH_STATE_MISMATCH(OAuthMessage.OAUTH_STATE_MISMATCH),
    /** The state cookie is unreadable, or its seal (an HMAC under the server's state key) does not verify. */
    OAUTH_VERIFIER_MISSING(OAuthMessage.OAUTH_VERIFIER_MISSING),
    /** The provider sent an error back ({@code error=access_denied} and the like). */
    OAUTH_PROVIDER_ERROR(OAuthMessage.OAUTH_PROVIDER_ERROR),
    /** The provider refused to exchange the authorization code. */
    OAUTH_CODE_EXCHANGE_FAILED(OAuthMessage.OAUTH_CODE_EXCHANGE_FAILED),
    /** The ID token failed a check. */
    OAUTH_ID_TOKEN_INVALID(OAuthMessage.OAUTH_ID_TOKEN_INVALID),
    /** No verified e-mail address, where one is needed. */
    OAUTH_EMAIL_NOT_VERIFIED(OAuthMessage.OAUTH_EMAIL_NOT_VERIFIED),
    /** The application refused the identity. */
    OAUTH_IDENTITY_REFUSED(OAuthMessage.OAUTH_IDENTITY_REFUSED),
    /** The parameters of a start or a callback are missing, repeated, oversized or malformed. */
    OAUTH_BAD_CALLBACK(OAuthMessage.OAUTH_BAD_CALLBACK),
    /** The provider could not be reached. */
    OAUTH_PROVIDER_UNAVAILABLE(OAuthMessage.OAUTH_PROVIDER_UNAVAILABLE),
    /** No provider of that name. */
    OAUTH_UNKNOWN_PROVIDER(OAuthMessage.OAUTH_UNKNOWN_PROVIDER),
    /** The identity's e-mail belongs to an existing account, which must link it itself. */
    OAUTH_LINK_REQUIRED(OAuthMessage.OAUTH_LINK_REQUIRED);

    private final OAuthMessage message;

    OAuthReason(OAuthMessage message) {
        this.message = message;
    }

    @Override
    public OAuthMessage message() {
        return message;
    }
}

package dev.latchkey.oauth;

import dev.latchkey.core.MessageId;

/**
 * The messages of sign-in with providers (OAuth 2.0, OpenID Connect), ids {@code LK-5xx}: the start-up
 * line of the providers, and why a start or a callback failed ({@link OAuthReason}).
 */
public enum OAuthMessage implements MessageId {

    /** The providers configured, and whether their metadata could be read. */
    OAUTH_READY("LK-500", "sign-in with providers is ready", "Nothing to do; check that the providers listed are the intended ones."),
    /** See {@link OAuthReason#OAUTH_STATE_MISSING}. */
    OAUTH_STATE_MISSING("LK-501", "the sign-in with a provider came back without its state cookie",
            "Start the sign-in again. If it keeps happening: the state cookie is SameSite=Lax and lives 10 minutes on this"
            + " host; the provider must send the browser back to the same host and scheme (latchkey.oauth.<name>.redirect-uri),"
            + " and a proxy must not drop cookies."),
    /** See {@link OAuthReason#OAUTH_STATE_MISMATCH}. */
    OAUTH_STATE_MISMATCH("LK-502", "the state the provider sent back is not the one this browser started with",
            "Start the sign-in again; a second sign-in started in another tab replaces the first. Repeated, it is a forged callback."),
    /** See {@link OAuthReason#OAUTH_VERIFIER_MISSING}. */
    OAUTH_VERIFIER_MISSING("LK-503", "the state cookie is unreadable, or its seal does not verify (changed in the browser, or sealed under another key)",
            "Start the sign-in again. If it keeps happening on several nodes or after restarts, set latchkey.oauth.state-key to the"
            + " same key on every node."),
    /** See {@link OAuthReason#OAUTH_PROVIDER_ERROR}. */
    OAUTH_PROVIDER_ERROR("LK-504", "the provider answered with an error (the user declined, or the client is not allowed)",
            "access_denied: the user said no. Other errors: check the client's settings at the provider (redirect URI, scopes)."),
    /** See {@link OAuthReason#OAUTH_CODE_EXCHANGE_FAILED}. */
    OAUTH_CODE_EXCHANGE_FAILED("LK-505", "the provider refused to exchange the code for tokens",
            "Check latchkey.oauth.<name>.client-id and client-secret and the redirect URI registered at the provider;"
            + " a replayed callback also ends here, as a code is good once."),
    /** See {@link OAuthReason#OAUTH_ID_TOKEN_INVALID}. */
    OAUTH_ID_TOKEN_INVALID("LK-506", "the provider's ID token failed a check (signature, issuer, audience, expiry or nonce)",
            "The log line names the check. Check latchkey.oauth.<name>.issuer and client-id, and the clocks."),
    /** See {@link OAuthReason#OAUTH_EMAIL_NOT_VERIFIED}. */
    OAUTH_EMAIL_NOT_VERIFIED("LK-507", "the provider gave no verified e-mail address, which a new account needs",
            "The user verifies an e-mail address at the provider (GitHub: a primary verified address), or signs up otherwise."),
    /** See {@link OAuthReason#OAUTH_IDENTITY_REFUSED}. */
    OAUTH_IDENTITY_REFUSED("LK-508", "the application refused this provider identity",
            "Your OAuthUsers decided; with the built-in accounts: the account is disabled, or the identity belongs to another account."),
    /** See {@link OAuthReason#OAUTH_BAD_CALLBACK}. */
    OAUTH_BAD_CALLBACK("LK-509", "the parameters of a sign-in's start or callback are missing, repeated, too long or malformed",
            "Start the sign-in again. return= is a path inside the application without its context path: /account, not /shop/account."),
    /** See {@link OAuthReason#OAUTH_PROVIDER_UNAVAILABLE}. */
    OAUTH_PROVIDER_UNAVAILABLE("LK-510", "the provider could not be reached (discovery, keys, token or user endpoint); sign-ins answer 503 until it answers again",
            "Check the provider's address (latchkey.oauth.<name>.issuer) and that the server can reach it; it is tried again every"
            + " 10 seconds and sign-in works again by itself."),
    /** See {@link OAuthReason#OAUTH_UNKNOWN_PROVIDER}. */
    OAUTH_UNKNOWN_PROVIDER("LK-511", "no provider of this name is configured", "Check the link: its name must be a latchkey.oauth.<name> provider."),
    /** See {@link OAuthReason#OAUTH_LINK_REQUIRED}. */
    OAUTH_LINK_REQUIRED("LK-512", "an account with this identity's e-mail address exists; Latchkey does not merge them on its own",
            "Sign in to that account as usual and link the provider from it.");

    private final String id;
    private final String summary;
    private final String fix;

    OAuthMessage(String id, String summary, String fix) {
        this.id = id;
        this.summary = summary;
        this.fix = fix;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String summary() {
        return summary;
    }

    @Override
    public String fix() {
        return fix;
    }
}

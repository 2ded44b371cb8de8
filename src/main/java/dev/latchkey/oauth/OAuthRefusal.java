package dev.latchkey.oauth;


/**
 * Thrown by an {@link OAuthUsers} to refuse a provider identity with a reason more precise than
 * {@link OAuthReason#OAUTH_IDENTITY_REFUSED}: {@link OAuthReason#OAUTH_EMAIL_NOT_VERIFIED} or
 * {@link OAuthReason#OAUTH_LINK_REQUIRED}. The browser gets 403 with the reason.
 */
public class OAuthRefusal extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient OAuthReason reason;

    /** @param reason one of the {@code OAUTH_*} reasons */
    public OAuthRefusal(OAuthReason reason) {
        super(reason.messageId() + " " + reason.name(), null, false, false);
        this.reason = reason;
    }

    /** Why the identity was refused. */
    public OAuthReason reason() {
        return reason;
    }
}

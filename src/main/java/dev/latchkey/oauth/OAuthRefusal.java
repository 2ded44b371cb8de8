package dev.latchkey.oauth;

import dev.latchkey.core.Reason;

/**
 * Thrown by an {@link OAuthUsers} to refuse a provider identity with a reason more precise than
 * {@link Reason#OAUTH_IDENTITY_REFUSED}: {@link Reason#OAUTH_EMAIL_NOT_VERIFIED} or
 * {@link Reason#OAUTH_LINK_REQUIRED}. The browser gets 403 with the reason.
 */
public class OAuthRefusal extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Reason reason;

    /** @param reason one of the {@code OAUTH_*} reasons */
    public OAuthRefusal(Reason reason) {
        super(reason.messageId() + " " + reason.name(), null, false, false);
        this.reason = reason;
    }

    /** Why the identity was refused. */
    public Reason reason() {
        return reason;
    }
}

package dev.latchkey.recovery;

import java.util.Locale;

/** Which message is sent: each has its own templates ({@link #template()}) and carries a link, a code or neither. */
public enum MessageKind {
    /** A link that verifies the address it is sent to. */
    VERIFY_ADDRESS(Purpose.VERIFY_ADDRESS),
    /** A link to a page that sets a new password. */
    RESET_PASSWORD(Purpose.RESET_PASSWORD),
    /** A link that signs in. */
    SIGN_IN_LINK(Purpose.SIGN_IN),
    /** A code that signs in, typed into the page that asked for it. */
    SIGN_IN_CODE(Purpose.SIGN_IN),
    /** A notice to the old address that the account's address changed: no link, no code. */
    ADDRESS_CHANGED(null),
    /** A notice that the account's password was reset: no link, no code. */
    PASSWORD_RESET(null);

    private final Purpose purpose;

    MessageKind(Purpose purpose) {
        this.purpose = purpose;
    }

    /** The purpose of the token the message carries; {@code null} for a notice. */
    public Purpose purpose() {
        return purpose;
    }

    /**
     * The templates' base name, such as {@code reset-password}: {@code latchkey/mail/reset-password.txt} and
     * {@code .html} in the application's classes replace the ones in Latchkey's jar.
     */
    public String template() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}

package dev.latchkey.recovery;

import dev.latchkey.core.Rejection;

/** Why a recovery page refused a request ({@link Rejection}), each with its message of {@link RecoveryMessage}. */
public enum RecoveryReason implements Rejection {
    /** A link or code that is unknown, used, replaced, expired or for another purpose. */
    TOKEN_REFUSED(RecoveryMessage.TOKEN_REFUSED),
    /** Too many codes, or messages, for an address or from a client. */
    RECOVERY_THROTTLED(RecoveryMessage.RECOVERY_THROTTLED),
    /** A form field missing, repeated or too long. */
    RECOVERY_BAD_FORM(RecoveryMessage.RECOVERY_BAD_FORM);

    private final RecoveryMessage message;

    RecoveryReason(RecoveryMessage message) {
        this.message = message;
    }

    @Override
    public RecoveryMessage message() {
        return message;
    }
}

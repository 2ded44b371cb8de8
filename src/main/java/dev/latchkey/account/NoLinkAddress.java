package dev.latchkey.account;

import dev.latchkey.recovery.RecoveryMessage;

/**
 * A link cannot be made: {@code latchkey.recovery.base-url} is not set and the request did not come to
 * localhost. Latchkey's pages answer it with 400; set the setting.
 */
public final class NoLinkAddress extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    NoLinkAddress() {
        super(RecoveryMessage.BAD_SETTING.error("a link in a message needs latchkey.recovery.base-url (the application's"
                + " address, such as https://example.com/shop); without it only requests to localhost get links"));
    }
}

package dev.latchkey.recovery;

import dev.latchkey.core.MessageId;

/**
 * The messages of e-mail verification, password reset and sign-in by link or code, ids {@code LK-6xx}.
 */
public enum RecoveryMessage implements MessageId {

    /** The start-up line: what is on, how messages are sent. */
    RECOVERY_READY("LK-600", "recovery and verification by e-mail are ready",
            "Nothing to do; check that the flows and the sender listed are the intended ones."),
    /** A flow that sends messages is on, but nothing can send them. */
    NO_SENDER("LK-601", "a flow that sends e-mail is switched on, but nothing can send it",
            "Set latchkey.mail.session to the JNDI name of the server's mail session (docs/guide.md says how on each server),"
            + " or produce an OutOfBandSender bean; or switch latchkey.recovery.enabled and latchkey.recovery.sign-in off."),
    /** The mail session of {@code latchkey.mail.session} could not be looked up. */
    MAIL_SESSION_MISSING("LK-602", "the mail session named by latchkey.mail.session is not there",
            "Create it on the server (docs/guide.md: Payara create-javamail-resource, WildFly's mail subsystem, Liberty's"
            + " mailSession with the mail-2.1 feature) and use the JNDI name it gives, or remove the setting."),
    /** A recovery setting cannot be used. */
    BAD_SETTING("LK-603", "a recovery setting cannot be used",
            "The message names the setting and what it accepts; correct it."),
    /** Sending one message failed. */
    SEND_FAILED("LK-604", "a message could not be sent; the user gets nothing and may ask again",
            "Check the mail server the mail session points to (host, port, credentials, TLS), or your OutOfBandSender."),
    /** A token or code was refused. */
    TOKEN_REFUSED("LK-605", "a link or code was refused: unknown, used, replaced by a newer one, expired, or for another purpose",
            "The user asks for a new one. Many of these from one client are someone guessing; they are throttled."),
    /** Too many codes tried, or too many messages asked for. */
    RECOVERY_THROTTLED("LK-606", "too many codes tried, or too many messages asked for, for this address or from this client",
            "Wait the Retry-After seconds. The limits are fixed: 5 codes per challenge, 10 per address and 3 messages per"
            + " address with doubling waits after, 30 messages per client."),
    /** A token's table or the address columns are missing. */
    RECOVERY_SCHEMA("LK-607", "the tables of one-time tokens or the accounts' address columns are missing",
            "Run the script named in the message (META-INF/latchkey/schema/<database>/V7 or V8), or allow"
            + " latchkey.schema.create-missing."),
    /** See {@link RecoveryReason#RECOVERY_BAD_FORM}. */
    RECOVERY_BAD_FORM("LK-608", "a recovery form came with a field missing, repeated or too long",
            "Send each field once: address, token, password, code; a page of your own posts the same fields as Latchkey's.");

    private final String id;
    private final String summary;
    private final String fix;

    RecoveryMessage(String id, String summary, String fix) {
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

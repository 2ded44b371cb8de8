package dev.latchkey.recovery;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One message to send out of band.
 *
 * @param kind     what it is
 * @param address  where it goes: an e-mail address (or whatever the application's sender understands)
 * @param link     the absolute link it carries, or {@code null}
 * @param code     the code it carries, or {@code null}
 * @param validFor how long the link or code works ({@link Duration#ZERO} for a notice)
 * @param locale   the language of the request that caused it
 */
public record OutOfBandMessage(MessageKind kind, String address, String link, String code, Duration validFor, Locale locale) {

    /** Checks that nothing is missing. */
    public OutOfBandMessage {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(validFor, "validFor");
        locale = locale == null ? Locale.ENGLISH : locale;
    }

    /** The link, if the message carries one. */
    public Optional<String> linkIfAny() {
        return Optional.ofNullable(link);
    }

    /** The code, if the message carries one. */
    public Optional<String> codeIfAny() {
        return Optional.ofNullable(code);
    }

    /** Never shows the link or the code: a message may be logged. */
    @Override
    public String toString() {
        return "OutOfBandMessage[" + kind + " to " + address + (link == null ? "" : ", link hidden")
                + (code == null ? "" : ", code hidden") + "]";
    }
}

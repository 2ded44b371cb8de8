package dev.latchkey.recovery;

/**
 * Sends Latchkey's messages: produce a bean of this type to send them your way (an SMS gateway, a queue, a
 * mail service's API). Without one, Latchkey sends e-mail with Jakarta Mail through the mail session named
 * by {@code latchkey.mail.session}; with neither, the flows that send are off and a deployment that turns
 * them on stops ({@code LK-601}).
 *
 * <pre>{@code
 * @ApplicationScoped
 * public class SmsSender implements OutOfBandSender {
 *     public void send(OutOfBandMessage message) { gateway.text(message.address(), message.code()); }
 * }
 * }</pre>
 *
 * <p>Called on a thread of the server's managed executor, not the request's, so that a request's answer and
 * timing do not depend on whether a message was sent. An exception is logged ({@code LK-604}, without the
 * link or code) and the message is lost: the user asks again.
 */
public interface OutOfBandSender {

    /** Sends the message. Never log its link or code. */
    void send(OutOfBandMessage message) throws Exception;
}

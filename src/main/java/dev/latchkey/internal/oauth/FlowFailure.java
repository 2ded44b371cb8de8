package dev.latchkey.internal.oauth;

import dev.latchkey.core.Rejection;
import dev.latchkey.oauth.OAuthReason;

/**
 * Why a sign-in with a provider stopped: the reason, the status the browser gets, and a detail for
 * the log (never a token, a code or a secret).
 */
final class FlowFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Rejection reason;
    private final int status;
    private final boolean declined;

    FlowFailure(Rejection reason, int status, String detail) {
        this(reason, status, detail, false);
    }

    private FlowFailure(Rejection reason, int status, String detail, boolean declined) {
        super(detail, null, false, false);
        this.reason = reason;
        this.status = status;
        this.declined = declined;
    }

    /** The user said no at the provider ({@code access_denied}): 403, and nothing for an operator to look at. */
    static FlowFailure declined(String detail) {
        return new FlowFailure(OAuthReason.OAUTH_PROVIDER_ERROR, 403, detail, true);
    }

    /** Whether the user said no, rather than something went wrong. */
    boolean byTheUser() {
        return declined;
    }

    Rejection reason() {
        return reason;
    }

    int status() {
        return status;
    }

    /** The log detail, made safe to print: visible ASCII only, at most 200 characters. */
    String detail() {
        return printable(getMessage(), 200);
    }

    /**
     * Text a provider or a browser wrote, made safe for one log line: printable ASCII only (a line
     * break or a control character becomes {@code ?}), at most {@code max} characters.
     */
    static String printable(String text, int max) {
        String value = text == null ? "" : text;
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < value.length() && out.length() < max; i++) {
            char c = value.charAt(i);
            out.append(c < 0x20 || c > 0x7e ? '?' : c);
        }
        return out.toString();
    }
}

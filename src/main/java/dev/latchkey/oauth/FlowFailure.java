package dev.latchkey.oauth;

import dev.latchkey.core.Reason;

/**
 * Why a sign-in with a provider stopped: the reason, the status the browser gets, and a detail for
 * the log (never a token, a code or a secret).
 */
final class FlowFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Reason reason;
    private final int status;

    FlowFailure(Reason reason, int status, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
        this.status = status;
    }

    Reason reason() {
        return reason;
    }

    int status() {
        return status;
    }

    /** The log detail, made safe to print: visible ASCII only, at most 200 characters. */
    String detail() {
        String text = getMessage() == null ? "" : getMessage();
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length() && out.length() < 200; i++) {
            char c = text.charAt(i);
            out.append(c < 0x20 || c > 0x7e ? '?' : c);
        }
        return out.toString();
    }
}

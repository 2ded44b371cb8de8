package dev.latchkey.internal.oauth;

/**
 * An error a provider sent ({@code error} and {@code error_description}, at the callback or from its
 * token endpoint), as a log line may show it: the code when it is one ({@code [a-z_]} only, as RFC 6749
 * defines them), the description quoted with every character outside printable ASCII, every quote and
 * every backslash escaped, and both cut short. Nothing the provider wrote can start a line of its own
 * or pass for another field.
 */
final class ProviderError {

    private static final int MAX_CODE = 64;
    private static final int MAX_DESCRIPTION = 120;

    private ProviderError() {
    }

    /** {@code code ("description")}, escaped; {@code an unreadable error} for a code that is not one. */
    static String describe(String code, String description) {
        String shown = code != null && code.matches("[a-z_]{1," + MAX_CODE + "}") ? code : "an unreadable error";
        return description == null || description.isEmpty() ? shown : shown + " (\"" + escape(description) + "\")";
    }

    /** Whether the error is the user's refusal ({@code access_denied}) rather than a problem to look at. */
    static boolean userDeclined(String code) {
        return "access_denied".equals(code);
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length() && out.length() < MAX_DESCRIPTION; i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7e) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}

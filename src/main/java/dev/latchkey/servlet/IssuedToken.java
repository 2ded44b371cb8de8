package dev.latchkey.servlet;

/**
 * The token of a session created during this request, for API sign-in endpoints that return it to
 * a client which sends it back as {@code Authorization: Bearer}. {@link #toString()} never shows it.
 */
public final class IssuedToken {

    /** The request attribute holding it. */
    public static final String ATTRIBUTE = IssuedToken.class.getName();

    private final String token;

    IssuedToken(String token) {
        this.token = token;
    }

    /** The token, to hand to the client once. */
    public String value() {
        return token;
    }

    @Override
    public String toString() {
        return "IssuedToken[<redacted>]";
    }
}

package dev.latchkey.oauth;

/**
 * Where the browser goes after a sign-in: only a path inside the application, never another site.
 * Anything else — an absolute URL, {@code //host}, a backslash, a control character — becomes {@code /}.
 */
final class ReturnPath {

    static final int MAX_LENGTH = 512;

    private ReturnPath() {
    }

    /** {@code path} when it is a safe application path, otherwise {@code /}. */
    static String check(String path) {
        if (path == null || path.isEmpty() || path.length() > MAX_LENGTH || path.charAt(0) != '/'
                || path.startsWith("//") || path.startsWith("/\\")) {
            return "/";
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c < 0x21 || c > 0x7e || c == '\\') {
                return "/";
            }
        }
        return path;
    }
}

package dev.latchkey.core;

/** RFC 6265 syntax and the browser rules for cookie prefixes and SameSite, shared by cookies and their settings. */
final class CookieRules {

    static final String HOST_PREFIX = "__Host-";
    static final String SECURE_PREFIX = "__Secure-";

    private CookieRules() {
    }

    /** RFC 6265 cookie-octet: visible ASCII except {@code " , ; \} and space. */
    static boolean isCookieOctet(char c) {
        return c >= 0x21 && c <= 0x7e && c != '"' && c != ',' && c != ';' && c != '\\';
    }

    /** RFC 9110 token character. */
    static boolean isTokenChar(char c) {
        return c > 0x20 && c < 0x7f && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0;
    }

    static void requireName(String name) {
        if (name == null || name.isEmpty() || name.length() > 128) {
            throw new IllegalArgumentException("cookie name must be 1-128 characters");
        }
        for (int i = 0; i < name.length(); i++) {
            if (!isTokenChar(name.charAt(i))) {
                throw new IllegalArgumentException("cookie name '" + printable(name)
                        + "' contains a character not allowed in a cookie name");
            }
        }
    }

    static void requirePath(String path) {
        if (path == null || !path.startsWith("/")) {
            throw new IllegalArgumentException("cookie path must start with '/' but was: " + printable(path));
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c < 0x20 || c >= 0x7f || c == ';') {
                throw new IllegalArgumentException("cookie path contains a control character, a non-ASCII character or ';'");
            }
        }
    }

    static void requireDomain(String domain) {
        if (domain == null) {
            return;
        }
        if (!domain.matches("\\.?[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*")) {
            throw new IllegalArgumentException("cookie domain must be a host name such as example.com but was: "
                    + printable(domain));
        }
    }

    static void requireConsistent(String name, boolean secure, String path, String domain, SameSite sameSite) {
        if (name.startsWith(HOST_PREFIX)) {
            if (!secure) {
                throw new IllegalArgumentException("cookie '" + name + "': the __Host- prefix requires Secure;"
                        + " set latchkey.cookie.secure=true or choose a name without the prefix");
            }
            if (!"/".equals(path)) {
                throw new IllegalArgumentException("cookie '" + name + "': the __Host- prefix requires Path=/;"
                        + " remove latchkey.cookie.path or choose a name without the prefix");
            }
            if (domain != null) {
                throw new IllegalArgumentException("cookie '" + name + "': the __Host- prefix forbids a Domain;"
                        + " remove latchkey.cookie.domain or choose a name without the prefix");
            }
        }
        if (name.startsWith(SECURE_PREFIX) && !secure) {
            throw new IllegalArgumentException("cookie '" + name + "': the __Secure- prefix requires Secure;"
                    + " set latchkey.cookie.secure=true or choose a name without the prefix");
        }
        if (sameSite == SameSite.NONE && !secure) {
            throw new IllegalArgumentException("cookie '" + name + "': SameSite=None requires Secure, or browsers"
                    + " drop the cookie; set latchkey.cookie.secure=true or use latchkey.cookie.same-site=Lax");
        }
    }

    static String printable(String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < value.length() && i < 64; i++) {
            char c = value.charAt(i);
            out.append(c < 0x20 || c >= 0x7f ? '?' : c);
        }
        return out.toString();
    }
}

package dev.latchkey.internal.web;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;

/**
 * Where the browser goes after a sign-in: a path inside the application, as the application sees it
 * (without its context path, which Latchkey puts in front), never another site and never above the
 * application. Anything else — an absolute URL, {@code //host}, a backslash, a control character, a
 * {@code ..} that climbs out — becomes {@code /}. Dot segments are resolved as a browser resolves them,
 * {@code %2e} included.
 */
public final class ReturnPath {

    public static final int MAX_LENGTH = 512;

    private ReturnPath() {
    }

    /** {@code path} when it is a safe application path (dot segments resolved), otherwise {@code /}. */
    public static String check(String path) {
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
        int end = firstOf(path, '?', '#');
        String resolved = resolveDots(path.substring(0, end));
        return resolved == null || resolved.startsWith("//") ? "/" : resolved + path.substring(end);
    }

    /**
     * Whether a path the browser was given begins with the application's context path: then the sender
     * wrote the path as the browser sees it, and Latchkey would send the browser to the context path twice.
     */
    public static boolean startsWithContextPath(String path, String contextPath) {
        return path != null && contextPath != null && !contextPath.isEmpty()
                && (path.equals(contextPath) || path.startsWith(contextPath + "/") || path.startsWith(contextPath + "?"));
    }

    private static int firstOf(String text, char a, char b) {
        int i = text.indexOf(a);
        int j = text.indexOf(b);
        return i < 0 ? (j < 0 ? text.length() : j) : (j < 0 ? i : Math.min(i, j));
    }

    /** The path with {@code .} and {@code ..} segments resolved; {@code null} when a {@code ..} climbs above {@code /}. */
    private static String resolveDots(String path) {
        Deque<String> segments = new ArrayDeque<>();
        String[] parts = path.substring(1).split("/", -1);
        for (int i = 0; i < parts.length; i++) {
            String segment = parts[i];
            boolean last = i == parts.length - 1;
            String lower = segment.toLowerCase(Locale.ROOT);
            if (lower.equals(".") || lower.equals("%2e")) {
                if (last) {
                    segments.addLast("");
                }
            } else if (lower.equals("..") || lower.equals(".%2e") || lower.equals("%2e.") || lower.equals("%2e%2e")) {
                if (segments.isEmpty()) {
                    return null;
                }
                segments.removeLast();
                if (last) {
                    segments.addLast("");
                }
            } else {
                segments.addLast(segment);
            }
        }
        return "/" + String.join("/", segments);
    }
}

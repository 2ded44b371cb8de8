package dev.latchkey.perf.hs;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.util.regex.Pattern;

/** The signed-in user's name, kept in the HttpSession; the same users and password as the Latchkey application. */
final class SessionUser {

    private static final String ATTRIBUTE = "user";
    private static final Pattern NAME = Pattern.compile("perf-user(-[0-9]{1,6})?");

    private SessionUser() {
    }

    /** Signs in: a new session holding the name, if the name and password are right. */
    static boolean signIn(HttpServletRequest request) {
        String name = request.getParameter("username");
        if (name == null || !NAME.matcher(name).matches() || !"perf-password".equals(request.getParameter("password"))) {
            return false;
        }
        HttpSession old = request.getSession(false);
        if (old != null) {
            old.invalidate();
        }
        request.getSession(true).setAttribute(ATTRIBUTE, name);
        return true;
    }

    /** The name in the request's session, or null. */
    static String of(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        return session == null ? null : (String) session.getAttribute(ATTRIBUTE);
    }
}

package dev.latchkey.demo;

import dev.latchkey.account.AccountRecovery;
import dev.latchkey.cdi.CurrentUser;
import dev.latchkey.cdi.UserSessions;
import dev.latchkey.core.Reason;
import dev.latchkey.oauth.OAuthSignIn;
import dev.latchkey.recovery.OneTimeTokens;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.credential.Password;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Signs in with name and password ("remember me" chooses a persistent cookie), or with a provider; and
 * asks a signed-in user for the password again before a sensitive action ({@code ?reauth=...&return=...}).
 * Without the password: "Forgot your password?" and sign-in by a code or a link are forms posting an e-mail
 * address to Latchkey's own recovery pages ({@code latchkey/recovery/forgot}, {@code latchkey/recovery/sign-in}),
 * which answer them.
 */
@WebServlet("/signin")
public class SignInServlet extends HttpServlet {

    @Inject
    UserSessions sessions;

    @Inject
    CurrentUser user;

    @Inject
    OAuthSignIn oauth;

    @Inject
    AccountRecovery recovery;

    @Inject
    OneTimeTokens tokens;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (request.getParameter("reauth") != null && user.isSignedIn()) {
            confirmForm(response, returnPath(request), "");
            return;
        }
        String registered = request.getParameter("registered");
        form(response, (registered == null ? "" : "admin".equals(registered)
                ? "Account created, and as the first one it is the administrator: sign in." : "Account created: sign in.")
                + (request.getParameter("sent") == null ? ""
                        : " A link that confirms your e-mail address is on its way (to the development outbox)."), "");
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException, ServletException {
        String name = request.getParameter("username");
        String password = request.getParameter("password");
        if ("confirm".equals(request.getParameter("action")) && user.isSignedIn() && password != null) {
            confirm(request, response, password);
            return;
        }
        if (name == null || password == null) {
            response.sendError(400);
            return;
        }
        AuthenticationStatus status = sessions.signIn(response,
                new UsernamePasswordCredential(name, new Password(password)), request.getParameter("remember") != null);
        if (status == AuthenticationStatus.SUCCESS) {
            response.sendRedirect("account");
        } else if (throttled(response)) {
            form(response, "", tooMany(sessions));
        } else {
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            form(response, "", "Wrong name or password.");
        }
    }

    /** "Sudo mode": the signed-in user confirms the password, and goes back to what they were doing. */
    private void confirm(HttpServletRequest request, HttpServletResponse response, String password) throws IOException {
        String back = returnPath(request);
        if (sessions.reauthenticate(new UsernamePasswordCredential(user.id(), new Password(password)))) {
            response.sendRedirect(request.getContextPath() + back);
        } else if (throttled(response)) {
            confirmForm(response, back, tooMany(sessions));
        } else {
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            confirmForm(response, back, "Wrong password.");
        }
    }

    /** The return path, if it is one of this application's (never another site's). */
    private static String returnPath(HttpServletRequest request) {
        String back = request.getParameter("return");
        return back != null && back.startsWith("/") && !back.startsWith("//") && !back.startsWith("/\\") ? back : "/account";
    }

    /** Whether the refusal was throttling: answers 429 with Retry-After as Latchkey's own paths do. */
    private boolean throttled(HttpServletResponse response) {
        return sessions.lastRefusal().filter(r -> r.reason() == Reason.SIGN_IN_THROTTLED).map(refusal -> {
            response.setStatus(429);
            refusal.retryAfterSeconds().ifPresent(s -> response.setHeader("Retry-After", Long.toString(s)));
            return true;
        }).orElse(false);
    }

    static String tooMany(UserSessions sessions) {
        long seconds = sessions.lastRefusal().flatMap(r -> r.retryAfterSeconds()).orElse(60L);
        return "Too many wrong passwords: try again in " + seconds + " seconds.";
    }

    private void confirmForm(HttpServletResponse response, String back, String error) throws IOException {
        Page.render(response, user, "Confirm your password", """
                <p class="note">This action needs your password again.</p><p class="error">%s</p>
                <form method="post" action="signin"><input type="hidden" name="action" value="confirm">
                  <input type="hidden" name="return" value="%s">
                  <label>Password <input name="password" type="password" required autocomplete="current-password"></label>
                  <button>Confirm</button>
                </form>""".formatted(Page.escape(error), Page.escape(back)));
    }

    /**
     * The ways in by e-mail: plain same-origin forms to Latchkey's recovery pages (which hold their POSTs to the
     * origin rules of a sign-in), shown when the demo's settings switch them on. The messages land in the outbox.
     */
    private String withoutPassword() {
        StringBuilder forms = new StringBuilder();
        if (tokens.settings().enabled()) {
            forms.append("""
                    <details id="forgot"><summary>Forgot your password?</summary>
                    <form method="post" action="latchkey/recovery/forgot">
                      <label>E-mail address <input name="address" type="email" required autocomplete="email"></label>
                      <button>E-mail me a link to set a new password</button>
                    </form></details>
                    """);
        }
        if (recovery.signInByCode() || recovery.signInByLink()) {
            forms.append("""
                    <details id="by-mail"><summary>Sign in without your password</summary>
                    <form method="post" action="latchkey/recovery/sign-in">
                      <label>E-mail address <input name="address" type="email" required autocomplete="email"></label>
                    """);
            if (recovery.signInByCode()) {
                forms.append("  <button name=\"by\" value=\"code\">Sign in with a code</button>\n");
            }
            if (recovery.signInByLink()) {
                forms.append("  <button name=\"by\" value=\"link\">E-mail me a sign-in link</button>\n");
            }
            forms.append("</form></details>\n");
        }
        return forms.isEmpty() ? "" : forms.append("<p class=\"note\">The messages go to the <a href=\"outbox\">development outbox</a>.</p>\n")
                .toString();
    }

    private void form(HttpServletResponse response, String note, String error) throws IOException {
        StringBuilder providers = new StringBuilder();
        for (String provider : oauth.providers()) {
            // a plain link: Latchkey answers it with the redirect to the provider, and the provider sends the browser back
            providers.append("<p><a class=\"provider\" href=\"").append(Page.escape(oauth.signInPath(provider, "/account")
                    .substring(1))).append("\">Sign in with the ").append(Page.escape(provider)).append(" provider</a></p>\n");
        }
        Page.render(response, user, "Sign in", """
                <p class="note">%s</p><p class="error">%s</p>
                <form method="post" action="signin">
                  <label>Name <input name="username" required autocomplete="username"></label>
                  <label>Password <input name="password" type="password" required autocomplete="current-password"></label>
                  <label><input type="checkbox" name="remember" value="on"> Remember me</label>
                  <button>Sign in</button>
                </form>
                %s%s""".formatted(Page.escape(note), Page.escape(error), providers, withoutPassword()));
    }
}

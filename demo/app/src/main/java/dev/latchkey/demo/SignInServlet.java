package dev.latchkey.demo;

import dev.latchkey.cdi.CurrentUser;
import dev.latchkey.cdi.UserSessions;
import dev.latchkey.oauth.OAuthSignIn;
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

/** Signs in with name and password ("remember me" chooses a persistent cookie), or with a provider. */
@WebServlet("/signin")
public class SignInServlet extends HttpServlet {

    @Inject
    UserSessions sessions;

    @Inject
    CurrentUser user;

    @Inject
    OAuthSignIn oauth;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String registered = request.getParameter("registered");
        form(response, registered == null ? "" : "admin".equals(registered)
                ? "Account created, and as the first one it is the administrator: sign in." : "Account created: sign in.", "");
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException, ServletException {
        String name = request.getParameter("username");
        String password = request.getParameter("password");
        if (name == null || password == null) {
            response.sendError(400);
            return;
        }
        AuthenticationStatus status = sessions.signIn(response,
                new UsernamePasswordCredential(name, new Password(password)), request.getParameter("remember") != null);
        if (status == AuthenticationStatus.SUCCESS) {
            response.sendRedirect("account");
        } else {
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            form(response, "", "Wrong name or password.");
        }
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
                %s""".formatted(Page.escape(note), Page.escape(error), providers));
    }
}

package dev.latchkey.demo;

import dev.latchkey.account.Accounts;
import dev.latchkey.account.PasswordRefusal;
import dev.latchkey.cdi.CurrentUser;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;

/** Creates an account in Latchkey's built-in store. */
@WebServlet("/signup")
public class SignUpServlet extends HttpServlet {

    @Inject
    Accounts accounts;

    @Inject
    CurrentUser user;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        form(response, "");
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String name = request.getParameter("username");
        String password = request.getParameter("password");
        // The demo's rule: the first account created is the administrator.
        Set<String> groups = accounts.count() == 0 ? Set.of("user", "admin") : Set.of("user");
        Accounts.Registration result = accounts.register(name, password == null ? null : password.toCharArray(), groups);
        switch (result) {
            case CREATED -> response.sendRedirect(groups.contains("admin") ? "signin?registered=admin" : "signin?registered");
            case NAME_TAKEN -> form(response, "That name is taken.");
            case NAME_INVALID -> form(response, "Choose a name of 1 to 255 characters.");
            default -> form(response, accounts.checkPassword(name, password.toCharArray()).map(PasswordRefusal::message)
                    .orElse("Choose another password."));
        }
    }

    private void form(HttpServletResponse response, String error) throws IOException {
        Page.render(response, user, "Sign up", """
                <p class="error">%s</p>
                <form method="post" action="signup">
                  <label>Name <input name="username" required autocomplete="username"></label>
                  <label>Password <input name="password" type="password" required autocomplete="new-password"></label>
                  <button>Create account</button>
                </form>
                """.formatted(Page.escape(error)));
    }
}

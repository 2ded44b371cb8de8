package dev.latchkey.demo;

import dev.latchkey.account.AccountRecovery;
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

/**
 * Creates an account in Latchkey's built-in store, with an e-mail address if one is typed: the address is kept
 * unverified and a link that confirms it is sent ({@link AccountRecovery#register}); without one the account
 * has no way back in but its password.
 */
@WebServlet("/signup")
public class SignUpServlet extends HttpServlet {

    @Inject
    Accounts accounts;

    @Inject
    AccountRecovery recovery;

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
        String address = request.getParameter("address");
        boolean withAddress = address != null && !address.isBlank();
        // The demo's rule: the first account created is the administrator.
        Set<String> groups = accounts.count() == 0 ? Set.of("user", "admin") : Set.of("user");
        char[] secret = password == null ? null : password.toCharArray();
        Accounts.Registration result = withAddress ? recovery.register(name, address, secret, groups)
                : accounts.register(name, secret, groups);
        switch (result) {
            case CREATED -> response.sendRedirect((groups.contains("admin") ? "signin?registered=admin" : "signin?registered")
                    + (withAddress ? "&sent" : ""));
            case NAME_TAKEN -> form(response, "That name is taken.");
            case NAME_INVALID -> form(response, "Choose a name of 1 to 255 characters.");
            case ADDRESS_INVALID -> form(response, "That is not an e-mail address.");
            case ADDRESS_TAKEN -> form(response, "Another account has that e-mail address.");
            case PASSWORD_INVALID -> form(response, accounts.checkPassword(name, password.toCharArray()).map(PasswordRefusal::message)
                    .orElse("Choose another password."));
        }
    }

    private void form(HttpServletResponse response, String error) throws IOException {
        Page.render(response, user, "Sign up", """
                <p class="error">%s</p>
                <form method="post" action="signup">
                  <label>Name <input name="username" required autocomplete="username"></label>
                  <label>Password <input name="password" type="password" required autocomplete="new-password"></label>
                  <label>E-mail address <input name="address" type="email" autocomplete="email"></label>
                  <p class="note">Optional: with an address you can set a new password when you forget yours, and sign in
                  with a link or a code. We send a link to confirm it (to the <a href="outbox">development outbox</a>).</p>
                  <button>Create account</button>
                </form>
                """.formatted(Page.escape(error)));
    }
}

package dev.latchkey.it.app;

import dev.latchkey.account.AccountRecovery;
import dev.latchkey.account.Accounts;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;

/** Registers an account in the built-in store (with an e-mail address to verify when one is given); a name starting "admin" or "auditor" also grants that group. */
@WebServlet("/signup")
public class SignUpServlet extends HttpServlet {

    @Inject
    Accounts accounts;

    @Inject
    AccountRecovery recovery;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String name = request.getParameter("username");
        String password = request.getParameter("password");
        Set<String> groups = name == null ? Set.of("user")
                : name.startsWith("admin") ? Set.of("user", "admin")
                : name.startsWith("auditor") ? Set.of("user", "auditor") : Set.of("user");
        String address = request.getParameter("address");
        Accounts.Registration result = address == null
                ? accounts.register(name, password == null ? null : password.toCharArray(), groups)
                : recovery.register(name, address, password == null ? null : password.toCharArray(), groups);
        response.setStatus(result == Accounts.Registration.CREATED ? 201 : 409);
        response.getWriter().print(result.name() + (result == Accounts.Registration.PASSWORD_INVALID
                ? " " + accounts.checkPassword(name, password.toCharArray()).map(r -> r.rule()).orElse("?") : ""));
    }
}

package dev.latchkey.it.app;

import dev.latchkey.account.AccountRecovery;
import dev.latchkey.account.RecoveryOutcome;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.HttpConstraint;
import jakarta.servlet.annotation.ServletSecurity;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Starts a change of the signed-in user's e-mail address (the new one is verified before it replaces the old). */
@WebServlet("/address")
@ServletSecurity(@HttpConstraint(rolesAllowed = "user"))
public class AddressServlet extends HttpServlet {

    @Inject
    AccountRecovery recovery;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        RecoveryOutcome outcome = recovery.changeAddress(request.getParameter("address"));
        response.setStatus(outcome.done() ? 202 : 409);
        response.getWriter().print(outcome.result().name());
    }
}

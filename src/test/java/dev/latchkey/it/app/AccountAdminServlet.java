package dev.latchkey.it.app;

import dev.latchkey.account.Accounts;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.HttpConstraint;
import jakarta.servlet.annotation.ServletSecurity;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashSet;

/** An administrator changes an account (POST user=NAME action=set-groups&groups=a,b | disable | enable | delete). */
@WebServlet("/admin/account")
@ServletSecurity(@HttpConstraint(rolesAllowed = "admin"))
public class AccountAdminServlet extends HttpServlet {

    @Inject
    Accounts accounts;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String user = request.getParameter("user");
        boolean done = switch (String.valueOf(request.getParameter("action"))) {
            case "set-groups" -> accounts.setGroups(user,
                    new LinkedHashSet<>(Arrays.asList(request.getParameter("groups").split(","))));
            case "disable" -> accounts.disable(user);
            case "enable" -> accounts.enable(user);
            case "delete" -> accounts.delete(user);
            default -> {
                response.sendError(400, "unknown action");
                yield false;
            }
        };
        response.getWriter().print("done " + done);
    }
}

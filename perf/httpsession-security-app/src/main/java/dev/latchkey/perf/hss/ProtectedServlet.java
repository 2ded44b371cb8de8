package dev.latchkey.perf.hss;

import jakarta.annotation.security.DeclareRoles;
import jakarta.servlet.annotation.HttpConstraint;
import jakarta.servlet.annotation.ServletSecurity;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** {@code GET /protected}: only for the role {@code user}, as in the Latchkey application; answers the caller's name. */
@WebServlet("/protected")
@ServletSecurity(@HttpConstraint(rolesAllowed = "user"))
@DeclareRoles("user")
public class ProtectedServlet extends HttpServlet {

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain");
        response.getWriter().write(request.getUserPrincipal().getName());
    }
}

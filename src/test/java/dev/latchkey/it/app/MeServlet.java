package dev.latchkey.it.app;

import dev.latchkey.cdi.CurrentUser;
import jakarta.annotation.security.DeclareRoles;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.HttpConstraint;
import jakarta.servlet.annotation.ServletSecurity;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.TreeSet;

/** A protected page showing what the container and CurrentUser know about the caller. */
@WebServlet("/me")
@DeclareRoles({"user", "admin"})
@ServletSecurity(@HttpConstraint(rolesAllowed = "user"))
public class MeServlet extends HttpServlet {

    @Inject
    CurrentUser user;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain");
        PrintWriter out = response.getWriter();
        out.print("principal=" + request.getUserPrincipal().getName() + "\n");
        out.print("user-role=" + request.isUserInRole("user") + "\n");
        out.print("admin-role=" + request.isUserInRole("admin") + "\n");
        out.print("auditor-role=" + request.isUserInRole("auditor") + "\n");
        if (request.getParameter("role") != null) {
            out.print("asked-role=" + request.isUserInRole(request.getParameter("role")) + "\n");
        }
        out.print("auth-type=" + request.getAuthType() + "\n");
        out.print("current.id=" + user.id() + "\n");
        out.print("current.groups=" + new TreeSet<>(user.groups()) + "\n");
        out.print("current.session=" + user.session().map(s -> s.id()).orElse("none") + "\n");
        out.print("current.authenticated=" + user.authenticatedAt().isPresent() + "\n");
        out.print("current.address-verified=" + user.isAddressVerified() + "\n");
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.getWriter().print("posted by " + request.getUserPrincipal().getName());
    }
}

package dev.latchkey.it.app;

import dev.latchkey.cdi.CurrentUser;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** An unprotected page: shows whether anyone is signed in; never requires a session. */
@WebServlet("/public")
public class PublicServlet extends HttpServlet {

    @Inject
    CurrentUser user;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.getWriter().print(user.isSignedIn() ? "user:" + user.id() : "anonymous");
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        doGet(request, response);
    }
}

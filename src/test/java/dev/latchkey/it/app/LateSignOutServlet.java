package dev.latchkey.it.app;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Signs out after the response is committed: too late for the blank cookie, which Latchkey reports. */
@WebServlet("/late-signout")
public class LateSignOutServlet extends HttpServlet {

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException, ServletException {
        response.getWriter().print("body first");
        response.flushBuffer();
        request.logout();
    }
}

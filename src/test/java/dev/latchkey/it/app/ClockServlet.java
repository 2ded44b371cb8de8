package dev.latchkey.it.app;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;

/** Test-only: moves the application's clock forward (POST seconds=N). */
@WebServlet("/test-clock")
public class ClockServlet extends HttpServlet {

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        TestClock.advance(Duration.ofSeconds(Long.parseLong(request.getParameter("seconds"))));
        response.getWriter().print("moved");
    }
}

package dev.latchkey.it.app;

import jakarta.servlet.annotation.HttpConstraint;
import jakarta.servlet.annotation.ServletSecurity;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;

/** Commits the response at once and writes a megabyte: a renewed cookie must still reach the client. */
@WebServlet("/big")
@ServletSecurity(@HttpConstraint(rolesAllowed = "user"))
public class BigServlet extends HttpServlet {

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("application/octet-stream");
        response.flushBuffer();
        OutputStream out = response.getOutputStream();
        byte[] chunk = new byte[64 * 1024];
        for (int i = 0; i < 16; i++) {
            out.write(chunk);
            out.flush();
        }
    }
}

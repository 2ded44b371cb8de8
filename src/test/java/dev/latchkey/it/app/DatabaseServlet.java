package dev.latchkey.it.app;

import jakarta.annotation.Resource;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/** Test-only: takes the session table away (action=break) and brings it back (action=mend), as an outage would. */
@WebServlet("/test-database")
public class DatabaseServlet extends HttpServlet {

    @Resource(lookup = "java:comp/DefaultDataSource")
    DataSource dataSource;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String sql = "break".equals(request.getParameter("action"))
                ? "ALTER TABLE latchkey_session RENAME TO latchkey_session_away"
                : "ALTER TABLE latchkey_session_away RENAME TO latchkey_session";
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            response.sendError(500, e.getMessage());
            return;
        }
        response.getWriter().print("done");
    }
}

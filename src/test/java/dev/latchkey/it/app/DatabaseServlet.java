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

/**
 * Test-only: takes the session table away (action=break) and brings it back (action=mend), as an
 * outage would, or the sign-in failure counters' (break-counters, mend-counters); GET shows the rows of kept provider tokens as stored ({@code user provider sealed}).
 */
@WebServlet("/test-database")
public class DatabaseServlet extends HttpServlet {

    @Resource(lookup = "java:comp/DefaultDataSource")
    DataSource dataSource;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain");
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             java.sql.ResultSet rows = s.executeQuery("SELECT user_name, provider, sealed FROM latchkey_account_token")) {
            while (rows.next()) {
                response.getWriter().print(rows.getString(1) + " " + rows.getString(2) + " " + rows.getString(3) + "\n");
            }
        } catch (SQLException e) {
            response.sendError(500, e.getMessage());
        }
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String sql = switch (String.valueOf(request.getParameter("action"))) {
            case "break" -> "ALTER TABLE latchkey_session RENAME TO latchkey_session_away";
            case "break-counters" -> "ALTER TABLE latchkey_signin_attempt RENAME TO latchkey_signin_attempt_away";
            case "mend-counters" -> "ALTER TABLE latchkey_signin_attempt_away RENAME TO latchkey_signin_attempt";
            default -> "ALTER TABLE latchkey_session_away RENAME TO latchkey_session";
        };
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            response.sendError(500, e.getMessage());
            return;
        }
        response.getWriter().print("done");
    }
}

package dev.latchkey.perf.app;

import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code GET /public}: a short fixed text, no security constraint. Also defines the application's
 * PostgreSQL pool (Latchkey's {@code latchkey.datasource} names it); the runner gives its URL in the
 * environment variable {@code PERF_JDBC_URL}, which Payara substitutes at deployment.
 */
@WebServlet("/public")
@DataSourceDefinition(
        name = "java:app/jdbc/perf",
        className = "org.postgresql.ds.PGSimpleDataSource",
        url = "${ENV=PERF_JDBC_URL}",
        user = "perf_app",
        password = "perf_app",
        minPoolSize = 16,
        initialPoolSize = 16,
        maxPoolSize = 16)
public class PublicServlet extends HttpServlet {

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain");
        response.getWriter().write("public");
    }
}

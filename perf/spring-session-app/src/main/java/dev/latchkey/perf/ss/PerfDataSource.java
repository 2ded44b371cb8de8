package dev.latchkey.perf.ss;

import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;

/**
 * The container's PostgreSQL pool Spring Session uses, defined as in the Latchkey application (same
 * user and pool size); a listener only so that the container reads the annotation.
 */
@WebListener
@DataSourceDefinition(
        name = "java:app/jdbc/perf",
        className = "org.postgresql.ds.PGSimpleDataSource",
        url = "${ENV=PERF_JDBC_URL}",
        user = "perf_app",
        password = "perf_app",
        minPoolSize = 16,
        initialPoolSize = 16,
        maxPoolSize = 16)
public class PerfDataSource implements ServletContextListener {
}

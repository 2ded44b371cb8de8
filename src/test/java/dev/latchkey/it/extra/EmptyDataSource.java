package dev.latchkey.it.extra;

import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.enterprise.context.ApplicationScoped;

/** The application's own DataSource, an empty database: Latchkey's table is not there. */
@ApplicationScoped
@DataSourceDefinition(name = "java:app/jdbc/empty", className = "org.h2.jdbcx.JdbcDataSource",
        url = "jdbc:h2:mem:latchkey-empty;DB_CLOSE_DELAY=-1", user = "sa", password = "")
public class EmptyDataSource {
}

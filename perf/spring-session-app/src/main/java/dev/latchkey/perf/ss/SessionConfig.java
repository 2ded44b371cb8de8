package dev.latchkey.perf.ss;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.init.ScriptUtils;
import org.springframework.jdbc.datasource.lookup.JndiDataSourceLookup;
import org.springframework.session.jdbc.config.annotation.web.http.EnableJdbcHttpSession;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Spring Session JDBC on the container's DataSource. Expired sessions are cleaned up hourly, as
 * Latchkey's are by default; the tables come from the script in the spring-session-jdbc jar.
 */
@Configuration
@EnableJdbcHttpSession(cleanupCron = "0 0 * * * *")
public class SessionConfig {

    private static final String SCHEMA = "org/springframework/session/jdbc/schema-postgresql.sql";

    @Bean
    public DataSource dataSource() throws SQLException {
        DataSource dataSource = new JndiDataSourceLookup().getDataSource("java:app/jdbc/perf");
        createTablesIfMissing(dataSource);
        return dataSource;
    }

    @Bean
    public PlatformTransactionManager transactionManager(DataSource dataSource) {
        return new DataSourceTransactionManager(dataSource);
    }

    private static void createTablesIfMissing(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             ResultSet table = connection.getMetaData().getTables(null, null, "spring_session", null)) {
            if (!table.next()) {
                ScriptUtils.executeSqlScript(connection, new ClassPathResource(SCHEMA));
            }
        }
    }
}

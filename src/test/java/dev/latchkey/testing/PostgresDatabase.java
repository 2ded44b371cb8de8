package dev.latchkey.testing;

import dev.latchkey.internal.jpa.DatabaseProduct;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Real PostgreSQL binaries from a Maven artifact, started once per JVM, files under target/. */
public final class PostgresDatabase extends TestDatabase {

    private static final Path WORKING_DIRECTORY = Path.of("target/embedded-postgres");
    private static final Path DATA_DIRECTORY = WORKING_DIRECTORY.resolve("data");

    private static PostgresDatabase instance;

    private final EmbeddedPostgres postgres;
    private final String version;

    private PostgresDatabase() {
        try {
            postgres = EmbeddedPostgres.builder()
                    .setOverrideWorkingDirectory(WORKING_DIRECTORY.toFile())
                    .setDataDirectory(DATA_DIRECTORY.toFile())
                    .setCleanDataDirectory(true)
                    .setServerConfig("timezone", "UTC")
                    .setServerConfig("max_connections", "200")
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start", e);
        }
        try (Connection c = postgres.getPostgresDatabase().getConnection();
             ResultSet rs = c.createStatement().executeQuery("SHOW server_version")) {
            rs.next();
            version = rs.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The running server, started on first use. */
    public static synchronized PostgresDatabase get() {
        if (instance == null) {
            instance = new PostgresDatabase();
        }
        return instance;
    }

    /** The port the server listens on (loopback). */
    public int port() {
        return postgres.getPort();
    }

    /**
     * Stops the server as an outage would, with the binaries zonky unpacked: {@code pg_ctl stop -m fast}
     * (open connections are cut, the data stays). {@link #startAgain()} brings it back.
     */
    public synchronized void stop() {
        pgCtl(List.of("stop", "-m", "fast", "-w", "-t", "60"));
    }

    /**
     * Starts the server {@link #stop() stopped} before: the same data directory, port and options
     * (read from the {@code postmaster.opts} PostgreSQL wrote when zonky started it).
     */
    public synchronized void startAgain() {
        List<String> options = postmasterOptions();
        StringBuilder quoted = new StringBuilder();
        for (String option : options) {
            quoted.append(quoted.length() == 0 ? "" : " ").append('\'').append(option.replace("'", "'\\''")).append('\'');
        }
        pgCtl(List.of("start", "-w", "-t", "60", "-l", WORKING_DIRECTORY.resolve("restarted.log").toAbsolutePath().toString(),
                "-o", quoted.toString()));
    }

    /** The server's command-line options but the data directory, as PostgreSQL recorded them. */
    private static List<String> postmasterOptions() {
        String recorded;
        try {
            recorded = Files.readString(DATA_DIRECTORY.resolve("postmaster.opts")).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> tokens = new ArrayList<>();
        Matcher quoted = Pattern.compile("\"([^\"]*)\"").matcher(recorded);
        while (quoted.find()) {
            tokens.add(quoted.group(1));
        }
        List<String> options = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            if (tokens.get(i).equals("-D")) {
                i++;
            } else {
                options.add(tokens.get(i));
            }
        }
        return options;
    }

    private static void pgCtl(List<String> arguments) {
        Path pgCtl;
        try (Stream<Path> unpacked = Files.list(WORKING_DIRECTORY)) {
            pgCtl = unpacked.filter(p -> p.getFileName().toString().startsWith("PG-"))
                    .map(p -> p.resolve("bin/pg_ctl")).filter(Files::isExecutable).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no pg_ctl under " + WORKING_DIRECTORY));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> command = new ArrayList<>();
        if (isRoot()) {
            // As zonky does: PostgreSQL refuses to run as root, so as root it runs in a user namespace (nobody).
            command.addAll(List.of("unshare", "-U"));
        }
        command.addAll(List.of(pgCtl.toAbsolutePath().toString(), "-D", DATA_DIRECTORY.toAbsolutePath().toString()));
        command.addAll(arguments);
        try {
            File output = WORKING_DIRECTORY.resolve("pg_ctl.log").toFile();
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(output)).start();
            if (!process.waitFor(90, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("pg_ctl " + arguments.get(0) + " failed; see " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static boolean isRoot() {
        try {
            return Path.of("/proc/self").toFile().exists()
                    && Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    @Override
    public String description() {
        return "PostgreSQL " + version;
    }

    @Override
    public DatabaseProduct product() {
        return DatabaseProduct.POSTGRESQL;
    }

    @Override
    protected String jdbcUrl() {
        return postgres.getJdbcUrl("postgres", "postgres") + "&reWriteBatchedInserts=true";
    }

    @Override
    protected String user() {
        return "postgres";
    }

    @Override
    protected String password() {
        return null;
    }

    @Override
    public String setTimeZoneSql(ZoneId zone) {
        return "SET TIME ZONE '" + zone.getId() + "'";
    }

    @Override
    public String currentTimeZoneSql() {
        return "SELECT current_setting('TimeZone')";
    }

    @Override
    public String alterColumnTypeSql() {
        return "ALTER TABLE latchkey_session ALTER COLUMN %s TYPE %s";
    }
}

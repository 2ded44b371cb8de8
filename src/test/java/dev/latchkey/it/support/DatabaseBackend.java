package dev.latchkey.it.support;

import dev.latchkey.testing.TestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Sessions in one embedded database, each node connected through the shipped Payara command file of
 * that database (connection values swapped). Writes are counted by triggers the test creates: every
 * row an {@code UPDATE} or {@code DELETE} on {@code latchkey_session} changes becomes a row of
 * {@code two_nodes_write}. One subclass per database.
 */
public abstract class DatabaseBackend implements SessionBackend {

    public final TestDatabase database;
    private final String config;
    private final String shippedConnection;

    /**
     * @param config            the command file, {@code payara-config/<config>.asadmin}, and its driver,
     *                          {@code <config>.jar} in the servers' folder
     * @param shippedConnection the connection values as shipped in it, which {@link #testConnection()} replaces
     */
    public DatabaseBackend(TestDatabase database, String config, String shippedConnection) {
        this.database = database;
        this.config = config;
        this.shippedConnection = shippedConnection;
    }

    /** The connection values of the embedded database, in the command file's syntax. */
    public abstract String testConnection();

    @Override
    public List<String> payaraArguments(Path work) {
        Path commands = PayaraCommandFile.write(config, shippedConnection, testConnection(),
                work.resolve(config + ".asadmin"));
        return List.of("--addlibs", Path.of(System.getProperty("servers.dir", "target/servers"), config + ".jar").toString(),
                "--postbootcommandfile", commands.toString());
    }

    @Override
    public String description() {
        return database.description();
    }

    /** The tables exist ({@link #prepare()}): as in production, a node never creates them. */
    @Override
    public Map<String, String> settings() {
        return Map.of("latchkey.schema.create-missing", "false");
    }

    /** Drops every table a run may have left, Latchkey's and the test's. */
    public abstract void dropTables();

    /** The statements creating {@code two_nodes_write (op, session_id)} and the triggers that fill it. */
    public abstract String[] writeCounting();

    /**
     * Creates every table from the database's scripts in the Latchkey jar this build produced, in
     * version order. Two nodes starting at once on an empty database would both create the missing
     * tables; production schemas are created from these scripts before the nodes start (docs/guide.md,
     * Persistence).
     */
    @Override
    public void prepare() {
        dropTables();
        String folder = database.product().script("");
        try (ZipFile jar = new ZipFile(System.getProperty("latchkey.jar", "target/latchkey.jar"))) {
            List<? extends ZipEntry> scripts = jar.stream()
                    .filter(e -> e.getName().startsWith(folder) && e.getName().endsWith(".sql"))
                    .sorted(Comparator.comparingInt(e -> version(e.getName().substring(folder.length()))))
                    .toList();
            if (scripts.isEmpty()) {
                throw new IllegalStateException("no scripts under " + folder + " in " + jar.getName());
            }
            for (ZipEntry script : scripts) {
                String sql;
                try (InputStream in = jar.getInputStream(script)) {
                    sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
                for (String statement : sql.lines().filter(l -> !l.strip().startsWith("--"))
                        .collect(Collectors.joining("\n")).split(";")) {
                    if (!statement.isBlank()) {
                        database.execute(statement.strip());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** 6 for {@code V6__create_latchkey_signin_attempt.sql}. */
    private static int version(String fileName) {
        return Integer.parseInt(fileName.substring(1, fileName.indexOf("__")));
    }

    @Override
    public void nodesStarted() {
        database.execute(writeCounting());
    }

    @Override
    public Set<String> sessionIds() {
        return ids("SELECT id FROM latchkey_session", null);
    }

    @Override
    public Optional<Instant> expiresAt(String id) {
        try (Connection c = database.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT expires_at FROM latchkey_session WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(Instant.ofEpochMilli(rs.getLong(1))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void setExpiresAt(String id, Instant expiresAt) {
        int changed = update("UPDATE latchkey_session SET expires_at = ? WHERE id = ?", expiresAt.toEpochMilli(), id);
        if (changed != 1) {
            throw new IllegalStateException("no session " + id);
        }
    }

    @Override
    public void countWrites() {
        database.execute("DELETE FROM two_nodes_write");
    }

    @Override
    public int writesTo(String id) {
        return count("SELECT COUNT(*) FROM two_nodes_write WHERE op = 'UPDATE' AND session_id = ?", id);
    }

    /** The id of every session row deleted since {@link #countWrites()}, once per deletion. */
    public List<String> deletedSessions() {
        try (Connection c = database.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT session_id FROM two_nodes_write WHERE op = 'DELETE'");
             ResultSet rs = ps.executeQuery()) {
            List<String> ids = new ArrayList<>();
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
            return ids;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Inserts {@code count} sessions of users {@code user-0}, {@code user-1}... directly, with their
     * idle deadline at {@code expiresAt}, and returns their ids.
     */
    public Set<String> insertSessions(String user, int count, Instant expiresAt) {
        long hourAgo = System.currentTimeMillis() - 3_600_000;
        Set<String> ids = new HashSet<>();
        try (Connection c = database.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO latchkey_session (id, secret_hash, user_id,"
                     + " created_at, expires_at, renewed_at, authenticated_at, idle_timeout_ms, persistent_cookie, group_names)"
                     + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, TRUE, 'user')")) {
            c.setAutoCommit(false);
            for (int i = 0; i < count; i++) {
                String id = sessionId(user, i);
                ids.add(id);
                ps.setString(1, id);
                ps.setString(2, "0".repeat(64));
                ps.setString(3, user + "-" + i);
                ps.setLong(4, hourAgo);
                ps.setLong(5, expiresAt.toEpochMilli());
                ps.setLong(6, hourAgo);
                ps.setLong(7, hourAgo);
                ps.setLong(8, 30L * 24 * 3_600_000);
                ps.addBatch();
            }
            ps.executeBatch();
            c.commit();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return ids;
    }

    /** A well-formed session id (32 characters of the token alphabet) made of {@code user}'s letters and {@code n}. */
    private static String sessionId(String user, int n) {
        String alphabet = "abcdefghijklmnopqrstuvwxyz234567";
        StringBuilder id = new StringBuilder(user.replaceAll("[^a-z]", ""));
        id.setLength(Math.min(id.length(), 24));
        String digits = Integer.toString(n, 32);
        id.append("a".repeat(32 - id.length() - digits.length()));
        for (char d : digits.toCharArray()) {
            id.append(alphabet.charAt(Character.digit(d, 32)));
        }
        return id.toString();
    }

    public Set<String> ids(String sql, String parameter) {
        try (Connection c = database.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            if (parameter != null) {
                ps.setString(1, parameter);
            }
            Set<String> ids = new HashSet<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
            return ids;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public int count(String sql, String parameter) {
        try (Connection c = database.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            if (parameter != null) {
                ps.setString(1, parameter);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private int update(String sql, long value, String id) {
        try (Connection c = database.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, value);
            ps.setString(2, id);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return description();
    }
}

package dev.latchkey.testing;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A DataSource wrapper that records every SQL statement executed through it, and for writes the
 * number of rows changed: the evidence for "one read per validation, no write unless renewing".
 */
public final class StatementCounter implements DataSource {

    /** One executed statement. */
    public record Executed(String sql, int rowsChanged) {
        public boolean isRead() {
            return sql.strip().toUpperCase(Locale.ROOT).startsWith("SELECT");
        }

        public boolean isWrite() {
            return !isRead();
        }
    }

    private final DataSource target;
    private final List<Executed> executed = new ArrayList<>();

    public StatementCounter(DataSource target) {
        this.target = target;
    }

    public synchronized void reset() {
        executed.clear();
    }

    public synchronized List<Executed> executed() {
        return List.copyOf(executed);
    }

    public synchronized long reads() {
        return executed.stream().filter(Executed::isRead).count();
    }

    public synchronized long writes() {
        return executed.stream().filter(Executed::isWrite).count();
    }

    /** Rows changed by UPDATE statements. */
    public synchronized int rowsUpdated() {
        return executed.stream().filter(e -> e.sql().strip().toUpperCase(Locale.ROOT).startsWith("UPDATE"))
                .mapToInt(Executed::rowsChanged).sum();
    }

    private synchronized void record(String sql, int rows) {
        executed.add(new Executed(sql, rows));
    }

    @Override
    public Connection getConnection() throws SQLException {
        return wrap(target.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return wrap(target.getConnection(username, password));
    }

    private Connection wrap(Connection connection) {
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    Object result = invoke(connection, method, args);
                    if (result instanceof PreparedStatement ps && method.getName().startsWith("prepare")) {
                        return statement(ps, (String) args[0], PreparedStatement.class);
                    }
                    if (result instanceof Statement st && method.getName().equals("createStatement")) {
                        return statement(st, null, Statement.class);
                    }
                    return result;
                });
    }

    private <T extends Statement> T statement(T statement, String preparedSql, Class<T> type) {
        InvocationHandler handler = (proxy, method, args) -> {
            Object result = invoke(statement, method, args);
            String name = method.getName();
            if (name.startsWith("execute")) {
                String sql = args != null && args.length > 0 && args[0] instanceof String s ? s : preparedSql;
                int rows = result instanceof Integer i ? i : result instanceof Long l ? (int) (long) l
                        : result instanceof Boolean b && !b ? statement.getUpdateCount() : 0;
                record(sql, Math.max(rows, 0));
            }
            return result;
        };
        return type.cast(Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {type}, handler));
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return target.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        target.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        target.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return target.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return target.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return target.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return target.isWrapperFor(iface);
    }
}

package dev.strata.orchestrator.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A small fixed-size JDBC connection pool. Opening a PostgreSQL connection costs milliseconds, more than a
 * checkpoint write, so connections are kept; a pool library would be one more dependency for forty lines.
 * Connections run with auto-commit off; a borrower commits or rolls back before returning one.
 */
public final class ConnectionPool implements AutoCloseable {
    private final String url;
    private final String user;
    private final String password;
    private final BlockingQueue<Connection> idle;
    private final List<Connection> all = new ArrayList<>();
    private final int size;
    private volatile boolean closed;

    public ConnectionPool(String url, String user, String password, int size) {
        if (size < 1) {
            throw new IllegalArgumentException("store.pool_size: must be >= 1, got " + size);
        }
        this.url = url;
        this.user = user;
        this.password = password;
        this.size = size;
        this.idle = new ArrayBlockingQueue<>(size);
    }

    /** Borrows a connection, opening one while fewer than {@code size} exist; waits up to 30 s otherwise. */
    public Connection borrow() throws SQLException {
        if (closed) {
            throw new SQLException("connection pool for " + url + " is closed");
        }
        Connection c = idle.poll();
        if (c == null) {
            synchronized (all) {
                if (all.size() < size) {
                    c = open();
                    all.add(c);
                    return c;
                }
            }
            try {
                c = idle.poll(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLException("interrupted while waiting for a connection to " + url, e);
            }
            if (c == null) {
                throw new SQLException("no free connection to " + url + " within 30 s (pool size " + size + ")");
            }
        }
        if (c.isClosed() || !c.isValid(2)) {
            synchronized (all) {
                all.remove(c);
                c = open();
                all.add(c);
            }
        }
        return c;
    }

    /** Returns a borrowed connection. */
    public void release(Connection c) {
        if (closed || !idle.offer(c)) {
            quietlyClose(c);
        }
    }

    private Connection open() throws SQLException {
        Connection c = DriverManager.getConnection(url, user, password);
        c.setAutoCommit(false);
        return c;
    }

    @Override
    public void close() {
        closed = true;
        synchronized (all) {
            all.forEach(ConnectionPool::quietlyClose);
            all.clear();
        }
        idle.clear();
    }

    private static void quietlyClose(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // closing: nothing left to do with it
        }
    }
}

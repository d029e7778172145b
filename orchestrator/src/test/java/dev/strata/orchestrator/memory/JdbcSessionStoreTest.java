package dev.strata.orchestrator.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.orchestrator.store.Database;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JdbcSessionStoreTest {
    @TempDir
    Path dir;

    @Test
    void sessionsSurviveReopeningTheDatabase() {
        try (Database db = Database.h2File(dir.resolve("s"))) {
            JdbcSessionStore s = new JdbcSessionStore(db);
            assertThat(s.load("a")).isEqualTo(SessionState.EMPTY);
            s.save("a", new SessionState("sum", List.of(new Turn("u1", "a1"))));
            s.save("a", new SessionState("sum2", List.of(new Turn("u2", "a2 ✓"))));
        }
        try (Database db = Database.h2File(dir.resolve("s"))) {
            SessionState st = new JdbcSessionStore(db).load("a");
            assertThat(st.summary()).isEqualTo("sum2");
            assertThat(st.recent()).containsExactly(new Turn("u2", "a2 ✓"));
        }
    }
}

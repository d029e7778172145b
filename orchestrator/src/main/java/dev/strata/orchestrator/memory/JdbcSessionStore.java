package dev.strata.orchestrator.memory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.strata.orchestrator.store.Database;
import dev.strata.orchestrator.store.StoreException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * Session memory in the orchestrator's database (H2 or PostgreSQL, beside the checkpoints), so sessions survive a
 * restart and are shared by replicas. One row per session holding its {@link SessionState} as JSON.
 */
public final class JdbcSessionStore implements SessionStore {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final Database db;

    public JdbcSessionStore(Database db) {
        this.db = db;
        db.inTransaction("create session schema", c -> {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS strata_sessions (session_id VARCHAR(200) PRIMARY KEY,"
                    + " body " + db.dialect().textType() + " NOT NULL)");
            }
            return null;
        });
    }

    @Override
    public SessionState load(String sessionId) {
        String body = db.inTransaction("load session " + sessionId, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT body FROM strata_sessions WHERE session_id = ?")) {
                ps.setString(1, sessionId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getString(1) : null;
                }
            }
        });
        if (body == null) {
            return SessionState.EMPTY;
        }
        try {
            return MAPPER.readValue(body, SessionState.class);
        } catch (JsonProcessingException e) {
            throw new StoreException("session " + sessionId + ": corrupt row: " + e.getOriginalMessage(), e);
        }
    }

    @Override
    public void save(String sessionId, SessionState state) {
        String body;
        try {
            body = MAPPER.writeValueAsString(state);
        } catch (JsonProcessingException e) {
            throw new StoreException("session " + sessionId + ": cannot encode: " + e.getOriginalMessage(), e);
        }
        db.inTransaction("save session " + sessionId, c -> {
            try (PreparedStatement up = c.prepareStatement("UPDATE strata_sessions SET body = ? WHERE session_id = ?")) {
                up.setString(1, body);
                up.setString(2, sessionId);
                if (up.executeUpdate() == 1) {
                    return null;
                }
            }
            try (PreparedStatement ins = c.prepareStatement("INSERT INTO strata_sessions (session_id, body) VALUES (?, ?)")) {
                ins.setString(1, sessionId);
                ins.setString(2, body);
                ins.executeUpdate();
            }
            return null;
        });
    }
}

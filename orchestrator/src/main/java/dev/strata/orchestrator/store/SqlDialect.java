package dev.strata.orchestrator.store;

/**
 * The few places where H2 and PostgreSQL SQL differ: the type of long text and of bytes. Everything else the
 * stores issue is plain SQL both accept.
 */
public enum SqlDialect {
    H2("CLOB", "VARBINARY"),
    POSTGRESQL("TEXT", "BYTEA");

    private final String textType;
    private final String bytesType;

    SqlDialect(String textType, String bytesType) {
        this.textType = textType;
        this.bytesType = bytesType;
    }

    /** Column type for unbounded text. */
    public String textType() {
        return textType;
    }

    /** Column type for a byte string. */
    public String bytesType() {
        return bytesType;
    }

    /** The dialect of a JDBC URL. */
    public static SqlDialect ofUrl(String jdbcUrl) {
        if (jdbcUrl.startsWith("jdbc:h2:")) {
            return H2;
        }
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        throw new IllegalArgumentException("store.url: unsupported JDBC URL '" + jdbcUrl
            + "' (expected jdbc:h2:... or jdbc:postgresql:...)");
    }
}

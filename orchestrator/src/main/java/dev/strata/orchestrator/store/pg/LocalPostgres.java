package dev.strata.orchestrator.store.pg;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throw-away PostgreSQL server from the machine's own binaries (Debian's {@code postgresql} package: found under
 * {@code /usr/lib/postgresql/<version>/bin}, or in {@code $STRATA_PG_BIN}), for tests and benchmarks. PostgreSQL
 * refuses to run as root, so when this JVM is root the server runs as the {@code postgres} user through
 * {@code setpriv}. Listens on 127.0.0.1 on a free port; {@link #close} stops it and deletes its data.
 */
public final class LocalPostgres implements AutoCloseable {
    /** Database user (superuser, trust authentication on loopback). */
    public static final String USER = "strata";

    private final Path dir;
    private final Process server;
    private final int port;

    private LocalPostgres(Path dir, Process server, int port) {
        this.dir = dir;
        this.server = server;
        this.port = port;
    }

    /** Whether PostgreSQL binaries were found on this machine. */
    public static boolean available() {
        return binDir() != null;
    }

    /**
     * Starts a new server with an empty database cluster.
     *
     * @param durable false turns fsync off (tests); true keeps PostgreSQL's defaults (benchmarks of write latency)
     */
    public static LocalPostgres start(boolean durable) throws IOException {
        Path bin = binDir();
        if (bin == null) {
            throw new IOException("no PostgreSQL binaries: install Debian's postgresql package or set STRATA_PG_BIN");
        }
        boolean root = "root".equals(System.getProperty("user.name"));
        Path dir = Files.createTempDirectory("strata-pg");
        Path data = dir.resolve("data");
        if (root) {
            run(List.of("chown", "-R", "postgres:postgres", dir.toString()), dir);
        }
        run(asUser(root, List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", USER,
            "--auth=trust", "-E", "UTF8", "--no-instructions")), dir);
        int port = freePort();
        List<String> cmd = new ArrayList<>(List.of(bin.resolve("postgres").toString(), "-D", data.toString(),
            "-p", Integer.toString(port), "-h", "127.0.0.1", "-k", dir.toString(), "-c", "max_connections=60"));
        if (!durable) {
            cmd.addAll(List.of("-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"));
        }
        Process p = new ProcessBuilder(asUser(root, cmd)).redirectErrorStream(true)
            .redirectOutput(dir.resolve("server.log").toFile()).start();
        LocalPostgres pg = new LocalPostgres(dir, p, port);
        pg.awaitReady();
        return pg;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    public int port() {
        return port;
    }

    private void awaitReady() throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        SQLException last = null;
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                throw new IOException("PostgreSQL exited with " + server.exitValue() + ": " + log());
            }
            try (Connection c = DriverManager.getConnection(jdbcUrl(), USER, "")) {
                return;
            } catch (SQLException e) {
                last = e;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for PostgreSQL", e);
            }
        }
        close();
        throw new IOException("PostgreSQL did not accept connections within 60 s: " + last + "; log: " + log());
    }

    private String log() {
        try {
            return Files.readString(dir.resolve("server.log"));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        server.destroy();
        try {
            if (!server.waitFor(20, TimeUnit.SECONDS)) {
                server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            server.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException ignored) {
            // a temp directory left behind is harmless
        }
    }

    private static List<String> asUser(boolean root, List<String> cmd) {
        if (!root) {
            return cmd;
        }
        List<String> out = new ArrayList<>(List.of("setpriv", "--reuid=postgres", "--regid=postgres", "--clear-groups", "--"));
        out.addAll(cmd);
        return out;
    }

    private static void run(List<String> cmd, Path dir) throws IOException {
        Path log = dir.resolve("setup.log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", cmd) + ": did not finish within 120 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + String.join(" ", cmd), e);
        }
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", cmd) + " exited with " + p.exitValue() + ": " + Files.readString(log));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static Path binDir() {
        String env = System.getenv("STRATA_PG_BIN");
        if (env != null && Files.isExecutable(Path.of(env, "postgres"))) {
            return Path.of(env);
        }
        Path base = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(base)) {
            return null;
        }
        try (Stream<Path> versions = Files.list(base)) {
            return versions.map(v -> v.resolve("bin"))
                .filter(b -> Files.isExecutable(b.resolve("postgres")) && Files.isExecutable(b.resolve("initdb")))
                .max(Comparator.comparing(b -> versionOf(b.getParent().getFileName().toString()))).orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    private static int versionOf(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}

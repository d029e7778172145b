package dev.strata.orchestrator.crash;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.orchestrator.store.CheckpointStore;
import dev.strata.orchestrator.store.Database;
import dev.strata.orchestrator.store.JdbcCheckpointStore;
import dev.strata.orchestrator.store.PostgresFixture;
import dev.strata.orchestrator.workflow.RunStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The crash test: a child JVM runs a workflow whose tool writes side effects to a file; the test kills it with
 * {@code kill -9} in the middle of the run, starts a new JVM that resumes the run, and checks that the run
 * completes with every side effect present exactly once and no recorded effect invoked again. Against both
 * stores.
 */
@Tag("integration")
class CrashResumeTest {
    static final int STEPS = 25;

    @TempDir
    Path dir;

    @Test
    void killedRunResumesOnH2() throws Exception {
        String url = Database.h2File(dir.resolve("runs")).url();
        crashAndResume(url, "sa", () -> new JdbcCheckpointStore(new Database(url, "sa", "", 1)));
    }

    @Test
    void killedRunResumesOnPostgres() throws Exception {
        try (PostgresFixture pg = PostgresFixture.start()) {
            String url = pg.newDatabase();
            crashAndResume(url, pg.user(), () -> new JdbcCheckpointStore(pg.database(url)));
        }
    }

    interface StoreOpener {
        CheckpointStore open();
    }

    private void crashAndResume(String url, String user, StoreOpener opener) throws Exception {
        Path effects = Files.createFile(dir.resolve("effects.txt"));
        Path attempts = Files.createFile(dir.resolve("attempts.txt"));
        Process first = child("start", url, user, effects, attempts, dir.resolve("first.log"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (Files.readAllLines(effects).size() < 8) {
            assertThat(first.isAlive()).as("child exited early: " + log("first.log")).isTrue();
            assertThat(System.nanoTime()).as("child made no progress: " + log("first.log")).isLessThan(deadline);
            Thread.sleep(10);
        }
        Process kill = new ProcessBuilder("kill", "-9", Long.toString(first.pid())).inheritIO().start();
        assertThat(kill.waitFor()).isZero();
        assertThat(first.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(first.exitValue()).isEqualTo(137);
        int writtenBeforeKill = Files.readAllLines(effects).size();
        assertThat(writtenBeforeKill).as("the kill must land mid-run").isLessThan(STEPS);

        try (CheckpointStore store = opener.open()) {
            assertThat(store.load("crash-run").orElseThrow().status()).isEqualTo(RunStatus.RUNNING);
        }

        Process second = child("resume", url, user, effects, attempts, dir.resolve("second.log"));
        assertThat(second.waitFor(120, TimeUnit.SECONDS)).as("resumed run did not finish").isTrue();
        assertThat(second.exitValue()).as(log("second.log")).isZero();

        List<String> expected = IntStream.range(0, STEPS).mapToObj(i -> "crash-run/write-" + i).toList();
        assertThat(Files.readAllLines(effects)).as("each side effect exactly once, in order").isEqualTo(expected);
        List<String> tried = Files.readAllLines(attempts);
        assertThat(tried).as("only the effect in flight at the kill may be attempted twice").hasSizeBetween(STEPS, STEPS + 1);
        assertThat(tried.stream().distinct().count()).isEqualTo(STEPS);
        try (CheckpointStore store = opener.open()) {
            var run = store.load("crash-run").orElseThrow();
            assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
            assertThat(run.step()).isEqualTo(STEPS);
        }
    }

    private String log(String name) {
        try {
            return Files.readString(dir.resolve(name));
        } catch (java.io.IOException e) {
            return "(no log)";
        }
    }

    private static Process child(String mode, String url, String user, Path effects, Path attempts, Path log)
        throws java.io.IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "--enable-native-access=ALL-UNNAMED", "-Xshare:auto", "-cp", System.getProperty("java.class.path"),
            CrashWorkflowMain.class.getName(), mode, url, user, "crash-run", Integer.toString(STEPS),
            effects.toString(), attempts.toString()));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }
}

package dev.strata.vector.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.vector.VectorIndex;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real child JVM inserts and acknowledges; SIGKILL it mid-stream; every acknowledged write must be there. */
@Tag("integration")
class KillNineTest {
    @TempDir
    Path dir;

    static float[] vectorFor(int i) {
        float[] v = new float[8];
        for (int j = 0; j < 8; j++) {
            v[j] = (float) Math.sin(i * 0.37 + j * 1.3) * 10 + (i % 7);
        }
        return v;
    }

    @Test
    void everyAcknowledgedWriteSurvivesKillNine() throws Exception {
        int lastAck = -1;
        for (int round = 0; round < 2; round++) {
            int target = 400 + round * 300;   // round 2 reopens the index the first kill left behind
            lastAck = runAndKill(target);
            assertThat(lastAck).isGreaterThanOrEqualTo(target - 1);
            try (VectorIndex idx = VectorIndex.open(dir)) {
                for (int i = 0; i <= lastAck; i++) {
                    assertThat(idx.contains("v" + i)).as("acked write v%d after kill -9 in round %d", i, round).isTrue();
                }
                float[] stored = idx.vector("v" + lastAck);
                assertThat(stored).containsExactly(vectorFor(lastAck));
                assertThat(idx.search(vectorFor(lastAck / 2), 1, null).get(0).id()).isEqualTo("v" + (lastAck / 2));
            }
        }
    }

    private int runAndKill(int acksBeforeKill) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "--add-modules=jdk.incubator.vector",
            "--add-opens=java.base/java.nio=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow", "-Xshare:auto",
            "-cp", System.getProperty("java.class.path"), CrashChild.class.getName(), dir.toString()));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        int last = -1;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while ((line = r.readLine()) != null && System.nanoTime() < deadline) {
                if (line.startsWith("ack ")) {
                    last = Integer.parseInt(line.substring(4));
                    if (last >= acksBeforeKill) {
                        break;
                    }
                }
            }
            p.destroyForcibly();   // SIGKILL on Unix: no shutdown hooks, no flush; the child is mid-insert
            p.waitFor(30, TimeUnit.SECONDS);
        }
        assertThat(p.exitValue()).isEqualTo(137);
        return last;
    }
}

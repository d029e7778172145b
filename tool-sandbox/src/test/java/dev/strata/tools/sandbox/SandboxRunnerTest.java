package dev.strata.tools.sandbox;

import static dev.strata.tools.sandbox.SandboxTestSupport.HOST;
import static dev.strata.tools.sandbox.SandboxTestSupport.MAPPER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.strata.tools.declaration.DeclarationParser;
import dev.strata.tools.declaration.ToolDeclaration;
import dev.strata.tools.invoke.OutputListener;
import dev.strata.tools.invoke.ToolErrorCode;
import dev.strata.tools.invoke.ToolOutcome;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SandboxRunnerTest {
    private final SandboxRunner runner = new SandboxRunner(HOST);

    @Test
    void runsTheIssueExampleWithArgumentsOnStdinAndResultOnStdout() {
        assertThat(HOST.unavailableReason()).as("this host must be able to sandbox (CI installs bubblewrap)").isNull();
        ToolDeclaration wc = new DeclarationParser().parse(dev.strata.tools.declaration.DeclarationParserTest.WORD_COUNT_YAML, "wc.yaml");
        ToolOutcome out = runner.run(wc, MAPPER.readTree("{\"text\":\"one two three\"}"), "c1", OutputListener.NONE);
        assertThat(out).as(SandboxTestSupport.describe(out)).isInstanceOf(ToolOutcome.Success.class);
        assertThat(((ToolOutcome.Success) out).result().get("count").asInt()).isEqualTo(3);
    }

    @Test
    void streamsOutputWhileTheToolRuns() {
        var tool = SandboxTestSupport.shell("streamer", "echo first; echo oops >&2; sleep 0.3; echo '{\"done\":true}'", "wall_time_ms: 5000");
        var captured = new SandboxTestSupport.Captured();
        long[] firstAt = {0};
        long start = System.nanoTime();
        ToolOutcome out = runner.run(tool, MAPPER.createObjectNode(), "c2", (s, d, o, l) -> {
            if (firstAt[0] == 0) {
                firstAt[0] = System.nanoTime();
            }
            captured.onOutput(s, d, o, l);
        });
        long end = System.nanoTime();
        assertThat(out).as(SandboxTestSupport.describe(out)).isInstanceOf(ToolOutcome.Success.class);
        assertThat(((ToolOutcome.Success) out).result().get("done").asBoolean()).as("the last line is the result").isTrue();
        assertThat(captured.stdout()).startsWith("first\n").contains("{\"done\":true}");
        assertThat(captured.stderr()).contains("oops");
        assertThat(end - firstAt[0]).as("first chunk arrived before the tool ended").isGreaterThan(200_000_000L);
    }

    @Test
    void nonZeroExitAndNonJsonAreStructuredErrors() {
        var fail = SandboxTestSupport.shell("fails", "echo broken >&2; exit 3", "wall_time_ms: 5000");
        var f = ((ToolOutcome.Failure) runner.run(fail, MAPPER.createObjectNode(), "c3", OutputListener.NONE)).error();
        assertThat(f.code()).isEqualTo(ToolErrorCode.EXIT_NONZERO);
        assertThat(f.exitCode()).isEqualTo(3);
        assertThat(f.message()).contains("broken");
        var notJson = SandboxTestSupport.shell("prose", "echo hello; echo world", "wall_time_ms: 5000");
        var n = ((ToolOutcome.Failure) runner.run(notJson, MAPPER.createObjectNode(), "c3b", OutputListener.NONE)).error();
        assertThat(n.code()).isEqualTo(ToolErrorCode.INVALID_RESULT);
    }

    @Test
    void failsClosedWhenBubblewrapIsMissing() {
        SandboxHost missing = SandboxHost.probe(Path.of("/nonexistent/bwrap"), Path.of("/usr/bin/setpriv"));
        assertThat(missing.available()).isFalse();
        var tool = SandboxTestSupport.shell("marker", "touch /tmp/should-not-exist; echo '{}'", "");
        var e = ((ToolOutcome.Failure) new SandboxRunner(missing).run(tool, MAPPER.createObjectNode(), "c4", OutputListener.NONE)).error();
        assertThat(e.code()).isEqualTo(ToolErrorCode.SANDBOX_UNAVAILABLE);
        assertThat(e.message()).contains("bubblewrap not found at /nonexistent/bwrap").contains("apt-get install -y bubblewrap");
    }

    @Test
    void withCgroupsTheLauncherJoinsTheRunsCgroupBeforeBubblewrapStarts(@org.junit.jupiter.api.io.TempDir Path tmp)
            throws Exception {
        assumeTrue(HOST.available());
        // a directory laid out like a delegated cgroup v2: the launcher's "echo 0 > cgroup.procs" lands in a file
        java.nio.file.Files.writeString(tmp.resolve("cgroup.controllers"), "memory pids cpu");
        java.nio.file.Files.writeString(tmp.resolve("cgroup.subtree_control"), "memory pids cpu");
        var mountinfo = java.nio.file.Files.writeString(tmp.resolve("mountinfo"), "");
        var self = java.nio.file.Files.writeString(tmp.resolve("self"), "0::/\n");
        var fake = dev.strata.tools.sandbox.cgroup.CgroupSupportAccess.detect(self, mountinfo, tmp);
        assertThat(fake.available()).as(fake.describe()).isTrue();
        SandboxHost host = SandboxHost.probe(Path.of("/usr/bin/bwrap"), Path.of("/usr/bin/setpriv"), fake);
        var tool = SandboxTestSupport.shell("in_cgroup", "echo '{\"ok\":true}'", "memory_mb: 128, pids: 8");
        ToolOutcome out = new SandboxRunner(host).run(tool, MAPPER.createObjectNode(), "cg", OutputListener.NONE);
        assertThat(out).as(SandboxTestSupport.describe(out)).isInstanceOf(ToolOutcome.Success.class);
        try (var runs = java.nio.file.Files.list(tmp)) {
            Path run = runs.filter(p -> p.getFileName().toString().startsWith("strata-run-")).findFirst().orElseThrow();
            assertThat(java.nio.file.Files.readString(run.resolve("cgroup.procs"))).isEqualTo("0\n");
            assertThat(java.nio.file.Files.readString(run.resolve("memory.max"))).isEqualTo(Long.toString((128L + 16) << 20));
            assertThat(java.nio.file.Files.readString(run.resolve("pids.max"))).isEqualTo("12");
        }
    }

    @Test
    void prespawnedSandboxesAreFreshForEveryCallAndGetTheirArguments() {
        assumeTrue(HOST.available());
        SandboxRunner warm = new SandboxRunner(HOST, 1);
        var tool = SandboxTestSupport.python("fresh", """
            import json, os, sys
            a = json.load(sys.stdin)
            seen = os.path.exists('/tmp/marker')
            open('/tmp/marker', 'w').write('x')
            print(json.dumps({'n': a['n'], 'seen': seen}))
            """, "wall_time_ms: 10000");
        for (int i = 0; i < 4; i++) {
            ToolOutcome out = warm.run(tool, MAPPER.readTree("{\"n\": " + i + ", \"pad\": \"" + "y".repeat(100_000) + "\"}"),
                "w" + i, OutputListener.NONE);
            assertThat(out).as(SandboxTestSupport.describe(out)).isInstanceOf(ToolOutcome.Success.class);
            var r = ((ToolOutcome.Success) out).result();
            assertThat(r.get("n").asInt()).isEqualTo(i);
            assertThat(r.get("seen").asBoolean()).as("call %d ran in a sandbox no earlier call touched", i).isFalse();
        }
        var sleeper = SandboxTestSupport.shell("sleeper", "sleep 5", "wall_time_ms: 300");
        warm.run(sleeper, MAPPER.createObjectNode(), "s0", OutputListener.NONE);
        ToolOutcome late = warm.run(sleeper, MAPPER.createObjectNode(), "s1", OutputListener.NONE);
        assertThat(((ToolOutcome.Failure) late).error().code()).as("wall time counts from the call, not the pre-spawn")
            .isEqualTo(ToolErrorCode.TIMEOUT);
    }
}

package dev.strata.tools.sandbox;

import static dev.strata.tools.sandbox.SandboxTestSupport.HOST;
import static dev.strata.tools.sandbox.SandboxTestSupport.MAPPER;
import static dev.strata.tools.sandbox.SandboxTestSupport.describe;
import static dev.strata.tools.sandbox.SandboxTestSupport.python;
import static dev.strata.tools.sandbox.SandboxTestSupport.shell;
import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.tools.declaration.ToolDeclaration;
import dev.strata.tools.invoke.OutputListener;
import dev.strata.tools.invoke.ToolErrorCode;
import dev.strata.tools.invoke.ToolOutcome;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Tools that try to escape or exhaust the host. Each must be stopped and reported with the right code, and the
 * host (files, network, process table) and a well-behaved tool running at the same time must be unaffected.
 */
@Tag("integration")
class EscapeSuiteTest {
    private final SandboxRunner runner = new SandboxRunner(HOST);

    @BeforeAll
    static void sandboxAvailable() {
        assertThat(HOST.unavailableReason()).as("the escape suite needs bubblewrap (installed by .ci/run)").isNull();
    }

    private ToolOutcome run(ToolDeclaration tool, OutputListener listener) {
        return runner.run(tool, MAPPER.createObjectNode(), UUID.randomUUID().toString(), listener);
    }

    private static ToolErrorCode code(ToolOutcome o) {
        assertThat(o).as(describe(o)).isInstanceOf(ToolOutcome.Failure.class);
        return ((ToolOutcome.Failure) o).error().code();
    }

    private static JsonNode result(ToolOutcome o) {
        assertThat(o).as(describe(o)).isInstanceOf(ToolOutcome.Success.class);
        return ((ToolOutcome.Success) o).result();
    }

    static final String READ_PROBE = """
        import json, os, sys
        paths = sys.argv[1:]
        readable = []
        for p in paths:
            try:
                with open(p, 'rb') as f:
                    f.read(1)
                readable.append(p)
            except OSError:
                pass
        with open('/proc/1/environ', 'rb') as f:
            init_env = f.read().decode()
        print(json.dumps({'readable': readable, 'root': sorted(os.listdir('/')), 'init_env': init_env}))
        """;

    @Test
    void cannotReadHostFilesOutsideItsMounts() throws IOException {
        Path secret = Files.createTempFile("strata-secret", ".txt");
        Files.writeString(secret, "host secret");
        secret.toFile().setReadable(true, false);
        List<String> targets = List.of("/etc/shadow", "/etc/passwd", "/etc/hostname", "/root/.bashrc", "/root/.m2/settings.xml",
            "/work/shared/DESIGN.md", "/home", secret.toString(), "/sys/kernel/notes", "/var/log/syslog");
        List<String> command = new ArrayList<>(List.of("/usr/bin/python3", "-c", READ_PROBE));
        command.addAll(targets);
        ToolDeclaration tool = new dev.strata.tools.declaration.ToolDeclaration("read_probe", "reads", "1", command,
            MAPPER.readTree("{\"type\":\"object\"}"), null, null, List.of(), List.of(), List.of());
        JsonNode r = result(run(tool, OutputListener.NONE));
        assertThat(r.get("readable")).as("host files a tool could read").isEmpty();
        assertThat(r.get("init_env").asString()).as("the sandbox's pid 1 carries no host environment")
            .doesNotContain("HOME", "JAVA_HOME", "USER", "MAVEN");
        assertThat(r.get("root").toString()).doesNotContain("\"root\"", "\"home\"", "\"work\"" + "x", "\"var\"", "\"sys\"", "\"srv\"");
        Files.delete(secret);
    }

    @Test
    void cannotWriteOutsideItsWorkDirectory() {
        String hostPath = "/tmp/strata-escape-" + UUID.randomUUID();
        ToolDeclaration tool = python("write_probe", """
            import json
            written = []
            for p in ['/usr/evil', '/etc/evil', '/evil', '/proc/evil', '/dev/evil', '%s', '/work/ok']:
                try:
                    with open(p, 'w') as f:
                        f.write('x')
                    written.append(p)
                except OSError:
                    pass
            print(json.dumps({'written': written}))
            """.formatted(hostPath), "wall_time_ms: 5000");
        JsonNode r = result(run(tool, OutputListener.NONE));
        assertThat(r.get("written").toString()).contains("/work/ok").doesNotContain("/usr/evil", "/etc/evil", "\"/evil\"", "/proc/evil");
        assertThat(Path.of(hostPath)).as("the sandbox's /tmp is private").doesNotExist();
        assertThat(Path.of("/usr/evil")).doesNotExist();
        assertThat(Path.of("/evil")).doesNotExist();
        assertThat(Path.of("/etc/evil")).doesNotExist();
    }

    @Test
    void cannotOpenANetworkSocket() throws IOException {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            server.setSoTimeout(1);
            ToolDeclaration tool = python("net_probe", """
                import json, socket
                results = {}
                for name, fam, addr in [('tcp4_host', socket.AF_INET, ('127.0.0.1', %d)), ('tcp4_internet', socket.AF_INET, ('1.1.1.1', 53)),
                                        ('tcp6', socket.AF_INET6, ('::1', %d))]:
                    try:
                        s = socket.socket(fam, socket.SOCK_STREAM)
                        s.settimeout(2)
                        s.connect(addr)
                        results[name] = 'connected'
                    except OSError as e:
                        results[name] = type(e).__name__ + ':' + str(e.errno)
                try:
                    socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, 0)
                    results['netlink'] = 'opened'
                except OSError as e:
                    results['netlink'] = 'refused:' + str(e.errno)
                print(json.dumps(results))
                """.formatted(server.getLocalPort(), server.getLocalPort()), "wall_time_ms: 8000");
            JsonNode r = result(run(tool, OutputListener.NONE));
            assertThat(r.toString()).doesNotContain("connected", "opened");
            assertThat(r.get("tcp4_host").asString()).isEqualTo("PermissionError:13");
            try {
                server.accept().close();
                throw new AssertionError("the host's loopback server was reached from the sandbox");
            } catch (java.net.SocketTimeoutException expected) {
                // nothing connected
            }
        }
    }

    @Test
    void forkBombIsBoundedByTheProcessLimit() {
        // the tool's own shell stays in the bomb (no '&'), so it is still running when forks start failing
        ToolDeclaration bomb = shell("fork_bomb", "b() { b | b; }; b", "wall_time_ms: 3000, pids: 16");
        var captured = new SandboxTestSupport.Captured();
        long start = System.nanoTime();
        ToolOutcome o = run(bomb, captured);
        assertThat(code(o)).as(describe(o) + " stderr=" + captured.stderr()).isEqualTo(ToolErrorCode.PIDS_LIMIT);
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(8_000);
    }

    @Test
    void aDetachedForkBombIsStoppedWithItsLeftovers() {
        // the classic bomb backgrounds itself: the tool's shell may exit before the limit is reached (then its
        // forked descendants are what is left), so either report is right, as long as nothing survives the call
        ToolDeclaration bomb = shell("fork_bomb_detached", "b() { b | b & }; b; wait", "wall_time_ms: 3000, pids: 16");
        var captured = new SandboxTestSupport.Captured();
        long start = System.nanoTime();
        ToolOutcome o = run(bomb, captured);
        assertThat(code(o)).as(describe(o)).isIn(ToolErrorCode.PIDS_LIMIT, ToolErrorCode.INVALID_RESULT);
        if (code(o) == ToolErrorCode.INVALID_RESULT) {
            assertThat(captured.stderr()).as(describe(o)).contains("leftover processes killed");
        }
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(8_000);
    }

    @Test
    void allocatingTenGigabytesHitsTheMemoryLimit() {
        ToolDeclaration hog = python("mem_hog", "b = bytearray(10 * 1024 ** 3)\nprint('{}')", "memory_mb: 256, wall_time_ms: 10000");
        ToolOutcome o = run(hog, OutputListener.NONE);
        assertThat(code(o)).isEqualTo(ToolErrorCode.MEMORY_LIMIT);
        assertThat(((ToolOutcome.Failure) o).error().message()).contains("256 MiB");
    }

    @Test
    void spinningForeverHitsTheCpuLimitOrTheWallClock() {
        ToolOutcome cpu = run(python("spin_cpu", "while True: pass", "cpu_time_ms: 1000, wall_time_ms: 20000"), OutputListener.NONE);
        assertThat(code(cpu)).isEqualTo(ToolErrorCode.CPU_LIMIT);
        assertThat(((ToolOutcome.Failure) cpu).error().exitCode()).isEqualTo(128 + 24);
        long start = System.nanoTime();
        ToolOutcome wall = run(shell("sleeper", "sleep 1000", "cpu_time_ms: 60000, wall_time_ms: 700"), OutputListener.NONE);
        assertThat(code(wall)).isEqualTo(ToolErrorCode.TIMEOUT);
        assertThat((System.nanoTime() - start) / 1_000_000).isBetween(650L, 5_000L);
    }

    @Test
    void printingAGigabyteHitsTheOutputLimit() {
        ToolDeclaration printer = python("printer", """
            import sys
            chunk = b'x' * (1 << 20)
            for _ in range(1024):
                sys.stdout.buffer.write(chunk)
            print('{}')
            """, "output_bytes: 1048576, wall_time_ms: 20000");
        var captured = new SandboxTestSupport.Captured();
        long start = System.nanoTime();
        ToolOutcome o = run(printer, captured);
        assertThat(code(o)).isEqualTo(ToolErrorCode.OUTPUT_LIMIT);
        assertThat(captured.out.size()).isEqualTo(1 << 20);
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(10_000);
    }

    @Test
    void aDaemonLeftBehindIsKilledAndReported() throws IOException {
        String marker = "987." + (100 + new java.util.Random().nextInt(800));
        ToolDeclaration daemon = python("daemon", """
            import subprocess, os
            subprocess.Popen(['/bin/sleep', '%s'], start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            if os.fork() == 0:
                os.setsid()
                os.execv('/bin/sleep', ['/bin/sleep', '%s'])
            print('{"ok": true}')
            """.formatted(marker, marker), "wall_time_ms: 5000");
        var captured = new SandboxTestSupport.Captured();
        JsonNode r = result(run(daemon, captured));
        assertThat(r.get("ok").asBoolean()).isTrue();
        assertThat(captured.stderr()).contains(SandboxWrapper.LEFTOVER_MARKER + "2");
        assertThat(hostProcessesWith(marker)).as("sleep " + marker + " survived the sandbox").isZero();
    }

    @Test
    void kernelSurfaceIsRefusedBySeccomp() {
        ToolDeclaration tool = python("kernel_probe", """
            import ctypes, json, os
            libc = ctypes.CDLL(None, use_errno=True)
            out = {}
            def call(name, *args):
                r = getattr(libc, name)(*args)
                out[name] = 'ok' if r == 0 else 'errno:' + str(ctypes.get_errno())
            call('unshare', 0x10000000)
            call('mount', b'none', b'/work', b'tmpfs', 0, None)
            call('ptrace', 16, 1, None, None)
            out['personality'] = 'errno:' + str(ctypes.get_errno()) if libc.personality(0x0040000) == -1 else 'ok'
            print(json.dumps(out))
            """, "wall_time_ms: 5000");
        JsonNode r = result(run(tool, OutputListener.NONE));
        assertThat(r.get("unshare").asString()).isEqualTo("errno:1");
        assertThat(r.get("mount").asString()).isEqualTo("errno:1");
        assertThat(r.get("ptrace").asString()).isEqualTo("errno:1");
        assertThat(r.get("personality").asString()).isEqualTo("errno:1");
    }

    @Test
    void aWellBehavedToolIsUnaffectedByAttacksRunningBesideIt() throws Exception {
        List<ToolDeclaration> attackers = List.of(
            shell("fork_bomb", "b() { b | b & }; b; wait", "wall_time_ms: 4000, pids: 16"),
            python("mem_hog", "b = bytearray(10 * 1024 ** 3)", "memory_mb: 256"),
            python("spin", "while True: pass", "cpu_time_ms: 3000, wall_time_ms: 4000"),
            python("printer", "import sys\nwhile True: sys.stdout.write('x' * 65536)", "output_bytes: 1048576"));
        ToolDeclaration good = python("good", "import json,sys; a=json.load(sys.stdin); print(json.dumps({'n': a['n'] + 1}))",
            "wall_time_ms: 10000");
        AtomicInteger ok = new AtomicInteger();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<CompletableFuture<ToolOutcome>> attacks = attackers.stream()
                .map(t -> CompletableFuture.supplyAsync(() -> run(t, OutputListener.NONE), pool)).toList();
            for (int i = 0; i < 5; i++) {
                ToolOutcome o = runner.run(good, MAPPER.readTree("{\"n\": " + i + "}"), "good-" + i, OutputListener.NONE);
                assertThat(result(o).get("n").asInt()).isEqualTo(i + 1);
                ok.incrementAndGet();
            }
            for (var a : attacks) {
                assertThat(a.get()).isInstanceOf(ToolOutcome.Failure.class);
            }
        }
        assertThat(ok).hasValue(5);
    }

    private static long hostProcessesWith(String marker) throws IOException {
        try (var procs = Files.list(Path.of("/proc"))) {
            return procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).filter(p -> {
                try {
                    return new String(Files.readAllBytes(p.resolve("cmdline"))).contains(marker);
                } catch (IOException e) {
                    return false;
                }
            }).count();
        }
    }
}

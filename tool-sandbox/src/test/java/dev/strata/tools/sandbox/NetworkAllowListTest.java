package dev.strata.tools.sandbox;

import static dev.strata.tools.sandbox.SandboxTestSupport.HOST;
import static dev.strata.tools.sandbox.SandboxTestSupport.MAPPER;
import static dev.strata.tools.sandbox.SandboxTestSupport.describe;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.strata.tools.declaration.DeclarationParser;
import dev.strata.tools.declaration.ToolDeclaration;
import dev.strata.tools.invoke.OutputListener;
import dev.strata.tools.invoke.ToolOutcome;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A tool's network allow-list, for real: servers on the host's loopback, a python tool in the sandbox. Only the
 * declared host:port is reachable, through the in-sandbox forwarder and the JVM relay; names resolve on the host.
 */
@Tag("integration")
class NetworkAllowListTest {
    /** Connects to each (host, port, payload) of argv-like JSON args and reports what happened. */
    static final String CLIENT = """
        import json, os, socket, sys, threading
        a = json.load(sys.stdin)
        out = {'env': os.environ.get('STRATA_NETWORK', '')}
        for name, host, port, payload in a['targets']:
            try:
                s = socket.create_connection((host, port), timeout=5)
                data = payload.encode() * a.get('repeat', 1)
                t = threading.Thread(target=lambda: (s.sendall(data), s.shutdown(socket.SHUT_WR)))
                t.start()
                got = b''
                while True:
                    chunk = s.recv(65536)
                    if not chunk:
                        break
                    got += chunk
                t.join()
                out[name] = 'reply:' + (got.decode()[:80] if a.get('repeat', 1) == 1 else str(len(got)) + ':' + str(got == data.upper()))
            except OSError as e:
                out[name] = type(e).__name__ + ':' + str(e.errno)
        for name in a.get('resolve', []):
            try:
                out['resolve:' + name] = socket.gethostbyname(name)
            except OSError as e:
                out['resolve:' + name] = 'unresolved'
        try:
            socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, 0)
            out['netlink'] = 'opened'
        except OSError as e:
            out['netlink'] = 'refused:' + str(e.errno)
        print(json.dumps(out))
        """;

    private final SandboxRunner runner = new SandboxRunner(HOST);
    private UpperCaseServer allowed;
    private UpperCaseServer other;

    @BeforeAll
    static void sandboxAvailable() {
        assertThat(HOST.networkUnavailableReason()).as("network tools need bubblewrap and /usr/bin/python3").isNull();
    }

    @BeforeEach
    void servers() throws IOException {
        allowed = new UpperCaseServer(new InetSocketAddress(0));
        other = new UpperCaseServer(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    }

    @AfterEach
    void stop() throws IOException {
        allowed.close();
        other.close();
    }

    private ToolDeclaration tool(List<String> network) {
        return tool(network, CLIENT);
    }

    private ToolDeclaration tool(List<String> network, String code) {
        return new DeclarationParser().parse("name: net_client\ndescription: test\n"
            + "command: " + MAPPER.writeValueAsString(List.of("/usr/bin/python3", "-c", code)) + "\n"
            + "arguments_schema: {type: object}\nlimits: {wall_time_ms: 15000}\n"
            + "network: " + MAPPER.writeValueAsString(network) + "\n", "net_client.yaml");
    }

    private JsonNode run(ToolDeclaration tool, String args) {
        ToolOutcome o = runner.run(tool, MAPPER.readTree(args), "net", OutputListener.NONE);
        assertThat(o).as(describe(o)).isInstanceOf(ToolOutcome.Success.class);
        return ((ToolOutcome.Success) o).result();
    }

    @Test
    void reachesTheAllowedHostPortAndNothingElse() {
        int port = allowed.port();
        JsonNode r = run(tool(List.of("127.0.0.1:" + port)), """
            {"targets": [["allowed", "127.0.0.1", %d, "hello"], ["other_port", "127.0.0.1", %d, "x"],
                         ["internet", "1.1.1.1", 53, "x"]]}""".formatted(port, other.port()));
        assertThat(r.get("allowed").asString()).isEqualTo("reply:HELLO");
        assertThat(r.get("other_port").asString()).isEqualTo("ConnectionRefusedError:111");
        assertThat(r.get("internet").asString()).as("no route out of the sandbox").startsWith("OSError:101");
        assertThat(r.get("netlink").asString()).isEqualTo("refused:13");
        assertThat(r.get("env").asString()).isEqualTo("127.0.0.1:" + port + "=127.0.0.1:" + port);
        assertThat(allowed.accepted()).hasValue(1);
        assertThat(other.accepted()).as("the port not on the list was never reached").hasValue(0);
    }

    @Test
    void withoutAnAllowListTheSameToolCannotConnectAtAll() {
        JsonNode r = run(tool(List.of()), """
            {"targets": [["allowed", "127.0.0.1", %d, "hello"]], "resolve": ["localhost"]}""".formatted(allowed.port()));
        assertThat(r.get("allowed").asString()).as("seccomp refuses AF_INET").isEqualTo("PermissionError:13");
        assertThat(allowed.accepted()).hasValue(0);
    }

    @Test
    void namesResolveOnTheHostSideOnlyAndLowPortsWork() throws UnknownHostException {
        String name = InetAddress.getLocalHost().getHostName();
        assumeTrue(!name.isBlank() && !name.equals("localhost"), "the host needs a resolvable host name of its own");
        int port = allowed.port();
        JsonNode r = run(tool(List.of(name + ":" + port, name + ":443")), """
            {"targets": [["by_name", "%s", %d, "named"], ["low_port", "%s", 443, "x"]],
             "resolve": ["%s", "example.com", "%s"]}""".formatted(name, port, name, name, HostName.OTHER));
        assertThat(r.get("resolve:" + name).asString()).as("the name maps to a sandbox loopback alias").isEqualTo("127.77.0.1");
        assertThat(r.get("resolve:example.com").asString()).isEqualTo("unresolved");
        assertThat(r.get("by_name").asString()).isEqualTo("reply:NAMED");
        assertThat(r.get("low_port").asString()).as("the forwarder listens on 443; the host side has nothing there")
            .doesNotStartWith("ConnectionRefusedError");
        assertThat(allowed.accepted()).hasValue(1);
    }

    @Test
    void relaysMegabytesBothWaysAtOnce() {
        int port = allowed.port();
        JsonNode r = run(tool(List.of("127.0.0.1:" + port)), """
            {"targets": [["bulk", "127.0.0.1", %d, "abcdefghijklmnop"]], "repeat": 262144}""".formatted(port));
        assertThat(r.get("bulk").asString()).isEqualTo("reply:4194304:True");
    }

    static final String BYPASS = """
        import ctypes, json, os, socket
        out = {}
        u = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        u.connect('/run/strata/net/0.sock')
        u.sendall(b'direct'); u.shutdown(socket.SHUT_WR)
        out['direct'] = u.recv(100).decode()
        try:
            open('/run/strata/net/evil.sock', 'w')
            out['write'] = 'written'
        except OSError as e:
            out['write'] = 'refused:' + str(e.errno)
        libc = ctypes.CDLL(None, use_errno=True)
        out['unshare_user'] = 'ok' if libc.unshare(0x10000000) == 0 else 'refused:' + str(ctypes.get_errno())
        out['unshare_net'] = 'ok' if libc.unshare(0x40000000) == 0 else 'refused:' + str(ctypes.get_errno())
        out['caps'] = [l.split()[1] for l in open('/proc/self/status') if l.startswith('CapEff')][0]
        print(json.dumps(out))
        """;

    @Test
    void bypassingTheForwarderStillReachesOnlyTheGrantAndTheSandboxStaysClosed() {
        JsonNode r = run(tool(List.of("127.0.0.1:" + allowed.port()), BYPASS), "{}");
        assertThat(r.get("direct").asString()).as("the Unix socket leads to the granted host:port only").isEqualTo("DIRECT");
        assertThat(r.get("write").asString()).startsWith("refused:");
        assertThat(r.get("unshare_user").asString()).isEqualTo("refused:1");
        assertThat(r.get("unshare_net").asString()).isEqualTo("refused:1");
        assertThat(r.get("caps").asString()).as("only CAP_NET_BIND_SERVICE, for the sandbox's own loopback")
            .isEqualTo("0000000000000400");
        assertThat(allowed.accepted()).hasValue(1);
    }

    /** Names a host the sandbox must not resolve. */
    private static final class HostName {
        static final String OTHER = "strata-not-granted.example";
    }

    /** Replies to each connection with what it read, upper-cased, as it reads it. */
    static final class UpperCaseServer implements AutoCloseable {
        private final ServerSocket server;
        private final AtomicInteger accepted = new AtomicInteger();

        UpperCaseServer(InetSocketAddress at) throws IOException {
            server = new ServerSocket();
            server.bind(at);
            Thread.ofVirtual().start(this::serve);
        }

        int port() {
            return server.getLocalPort();
        }

        AtomicInteger accepted() {
            return accepted;
        }

        private void serve() {
            while (!server.isClosed()) {
                try {
                    Socket s = server.accept();
                    accepted.incrementAndGet();
                    Thread.ofVirtual().start(() -> echo(s));
                } catch (IOException e) {
                    return;
                }
            }
        }

        private static void echo(Socket s) {
            try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
                byte[] buf = new byte[65536];
                int n;
                while ((n = in.read(buf)) > 0) {
                    out.write(new String(buf, 0, n, StandardCharsets.ISO_8859_1).toUpperCase(java.util.Locale.ROOT)
                        .getBytes(StandardCharsets.ISO_8859_1));
                }
            } catch (IOException e) {
                // client went away
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}

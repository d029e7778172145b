package dev.strata.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.proto.agent.v1.AgentServiceGrpc;
import dev.strata.proto.agent.v1.RunEvent;
import dev.strata.proto.agent.v1.RunRequest;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code strata serve --agents} as a real process: AgentService answers a run over gRPC with retrieval from the
 * documents given by --agents-docs and one calculator call, then SIGTERM stops it cleanly, leaving the memory and the
 * run checkpoints under --agents-data.
 */
@Tag("integration")
class ServeAgentsProcessTest {
    private static final Pattern AGENTS = Pattern.compile("agents\\s+127\\.0\\.0\\.1:(\\d+)");

    @TempDir
    Path dir;

    @Test
    void servedAgentsAnswerOverGrpcAndKeepTheirDataUnderTheDataDir() throws Exception {
        Path docs = Files.createDirectories(dir.resolve("docs"));
        Files.writeString(docs.resolve("prices.md"), "The pro plan costs 12 euros per seat per month. The team plan has 7 seats.");
        Files.writeString(docs.resolve("weather.md"), "It rained in Lisbon for most of November.");
        Path data = dir.resolve("data");
        try (Served s = Served.start(docs, data)) {
            ManagedChannel ch = Grpc.newChannelBuilderForAddress("127.0.0.1", s.port, InsecureChannelCredentials.create()).build();
            try {
                var stub = AgentServiceGrpc.newBlockingStub(ch).withDeadlineAfter(3, TimeUnit.MINUTES);
                List<RunEvent> events = new ArrayList<>();
                stub.run(RunRequest.newBuilder().setRunId("served-1").setInput(AgentDemo.QUESTION).build()).forEachRemaining(events::add);
                assertThat(events).filteredOn(RunEvent::hasRetrieval).singleElement()
                    .satisfies(e -> assertThat(e.getRetrieval().getPassages(0).getSource()).isEqualTo("prices.md"));
                assertThat(events).filteredOn(RunEvent::hasToolCall).singleElement()
                    .satisfies(e -> assertThat(e.getToolCall().getTool()).isEqualTo("calculator"));
                assertThat(events).filteredOn(RunEvent::hasToolResult).singleElement()
                    .satisfies(e -> assertThat(e.getToolResult().getResultJson()).contains("\"value\""));
                assertThat(events.getLast().hasFinalAnswer()).as(events.toString()).isTrue();
            } finally {
                ch.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
        }
        // memory and checkpoints are on disk under --agents-data (a restart on it resumes or reports its runs)
        try (var files = Files.list(data)) {
            assertThat(files.map(p -> p.getFileName().toString())).contains("memory").anyMatch(n -> n.startsWith("runs"));
        }
    }

    /** One {@code strata serve --agents} process, stopped with SIGTERM. */
    private static final class Served implements AutoCloseable {
        final Process process;
        final List<String> output = Collections.synchronizedList(new ArrayList<>());
        final Thread reader;
        int port;

        private Served(Process process, CountDownLatch ready) {
            this.process = process;
            this.reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = in.readLine()) != null; ) {
                        output.add(line);
                        Matcher m = AGENTS.matcher(line);
                        if (m.find()) {
                            port = Integer.parseInt(m.group(1));
                            ready.countDown();
                        }
                    }
                } catch (java.io.IOException ignored) {
                    // the process ended
                }
            });
            reader.start();
        }

        static Served start(Path docs, Path data) throws Exception {
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "--add-modules=jdk.incubator.vector",
                "--add-opens=java.base/java.nio=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow", "-Dai.djl.offline=true",
                "-cp", System.getProperty("java.class.path"), "dev.strata.cli.Main", "serve", "--http-port", "0", "--grpc-port", "0",
                "--host", "127.0.0.1", "--agents", "--agents-data", data.toString()));
            if (docs != null) cmd.addAll(List.of("--agents-docs", docs.toString()));
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
            pb.environment().put("STRATA_MODELS", Path.of(System.getProperty("strata.shared", "../../shared"), "models").toString());
            CountDownLatch ready = new CountDownLatch(1);
            Served s = new Served(pb.start(), ready);
            if (!ready.await(3, TimeUnit.MINUTES)) {
                s.close();
                throw new AssertionError("serve --agents did not start: " + s.output);
            }
            return s;
        }

        @Override
        public void close() throws Exception {
            process.toHandle().destroy();
            boolean exited = process.waitFor(60, TimeUnit.SECONDS);
            if (!exited) process.destroyForcibly();
            reader.join(5000);
            assertThat(exited).as("exit after SIGTERM: " + output).isTrue();
            assertThat(output).as(output.toString()).anyMatch(l -> l.contains("strata: stopped"));
        }
    }
}

package dev.strata.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code strata serve} as a real process on the default model: OpenAI's npm SDK and grpc-js talk to it (a forced
 * tool call goes through the engine's constrained decoding), then SIGTERM drains it and it exits cleanly.
 */
@Tag("integration")
class ServeProcessTest {
    private static final Path NODE = Path.of("../inference-server/src/test/node").toAbsolutePath().normalize();
    private static final Pattern HTTP = Pattern.compile("OpenAI HTTP\\s+http://127\\.0\\.0\\.1:(\\d+)/v1");
    private static final Pattern GRPC = Pattern.compile("gRPC\\s+127\\.0\\.0\\.1:(\\d+)");

    @Test
    void realClientsTalkToStrataServeAndSigtermDrains() throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(List.of("--enable-native-access=ALL-UNNAMED", "--add-modules=jdk.incubator.vector",
            "--add-opens=java.base/java.nio=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow", "-Dai.djl.offline=true",
            "-cp", System.getProperty("java.class.path"), "dev.strata.cli.Main", "serve", "--http-port", "0", "--grpc-port", "0",
            "--host", "127.0.0.1"));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("STRATA_MODELS", Path.of(System.getProperty("strata.shared", "../../shared"), "models").toString());
        Process server = pb.start();
        List<String> output = java.util.Collections.synchronizedList(new ArrayList<>());
        int[] ports = new int[2];
        var ready = new java.util.concurrent.CountDownLatch(1);
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    output.add(line);
                    Matcher h = HTTP.matcher(line);
                    if (h.find()) ports[0] = Integer.parseInt(h.group(1));
                    Matcher g = GRPC.matcher(line);
                    if (g.find()) {
                        ports[1] = Integer.parseInt(g.group(1));
                        ready.countDown();
                    }
                }
            } catch (java.io.IOException ignored) {
                // the process ended
            }
        });
        reader.start();
        try {
            assertThat(ready.await(3, TimeUnit.MINUTES)).as("server start: " + output).isTrue();
            JsonNode openai = node("openai-client.mjs", "STRATA_HTTP", "http://127.0.0.1:" + ports[0] + "/v1");
            assertThat(openai.get("models").get(0).asText()).isEqualTo("stories260K");
            assertThat(openai.at("/completion/usage/completion_tokens").asInt()).isEqualTo(12);
            assertThat(openai.at("/completion/text").asText()).isNotBlank();
            assertThat(openai.at("/stream/text").asText()).isNotBlank();
            assertThat(openai.at("/stream/usage/completion_tokens").asInt()).isPositive();
            assertThat(openai.at("/tools/finish").asText()).isEqualTo("tool_calls");
            assertThat(openai.at("/tools/calls/0/name").asText()).isEqualTo("get_weather");
            assertThat(new ObjectMapper().readTree(openai.at("/tools/calls/0/arguments").asText()).has("city")).isTrue();
            assertThat(openai.at("/error/status").asInt()).isEqualTo(400);
            assertThat(openai.at("/notFound/status").asInt()).isEqualTo(404);
            JsonNode grpc = node("grpc-client.mjs", "STRATA_GRPC", "127.0.0.1:" + ports[1]);
            assertThat(grpc.at("/generate/usage/completion_tokens").asInt()).isEqualTo(12);
            assertThat(grpc.at("/generate/text").asText()).isEqualTo(openai.at("/completion/text").asText());
            assertThat(grpc.at("/invalid/code").asInt()).isEqualTo(3);
        } finally {
            // SIGTERM through the handle: Process.destroy() would also close our end of its output pipe
            server.toHandle().destroy();
            boolean exited = server.waitFor(60, TimeUnit.SECONDS);
            if (!exited) server.destroyForcibly();
            reader.join(5000);
            assertThat(exited).as("exit after SIGTERM: " + output).isTrue();
        }
        assertThat(output).as("exit " + server.exitValue() + ": " + output).anyMatch(l -> l.contains("strata: stopped"));
        assertThat(output).anyMatch(l -> l.contains("\"request_id\":\"grpc-js-1\""));
    }

    private static JsonNode node(String script, String var, String value) throws Exception {
        assertThat(Files.isDirectory(NODE.resolve("node_modules"))).as("npm packages in " + NODE + " (./strata test installs them)").isTrue();
        ProcessBuilder pb = new ProcessBuilder("node", script).directory(NODE.toFile()).redirectErrorStream(true);
        pb.environment().put(var, value);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(p.waitFor(3, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return new ObjectMapper().readTree(out.substring(out.lastIndexOf('\n') + 1));
    }
}

package dev.strata.tools.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.tools.invoke.OutputListener;
import dev.strata.tools.invoke.ToolCall;
import dev.strata.tools.invoke.ToolErrorCode;
import dev.strata.tools.invoke.ToolInvoker;
import dev.strata.tools.invoke.ToolOutcome;
import dev.strata.tools.registry.ToolRegistry;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** MCP in both directions against the TypeScript reference SDK (node scripts in src/test/node). */
@Tag("integration")
class McpInteropTest {
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    @Test
    void typeScriptClientUsesOurStdioServer() throws Exception {
        List<String> argv = new ArrayList<>(List.of("node", "client.mjs", "stdio"));
        argv.addAll(McpFixtures.javaCommand());
        checkClientSummary(runNode(argv));
    }

    @Test
    void typeScriptClientUsesOurStreamableHttpServer() throws Exception {
        try (McpHttpServer server = McpHttpServer.start(McpFixtures.invoker(), McpFixtures.SCOPES,
            new java.net.InetSocketAddress("127.0.0.1", 0))) {
            checkClientSummary(runNode(List.of("node", "client.mjs", "http",
                "http://127.0.0.1:" + server.port() + McpHttpServer.ENDPOINT)));
        }
    }

    static void checkClientSummary(JsonNode s) {
        assertThat(s.path("server").path("name").asString()).isEqualTo("strata-tools");
        List<String> names = new ArrayList<>();
        s.path("tools").forEach(t -> names.add(t.path("name").asString()));
        assertThat(names).containsExactly("calculator", "person", "word_count");
        JsonNode wcTool = s.path("tools").get(2);
        assertThat(wcTool.path("inputSchema").path("required").get(0).asString()).isEqualTo("text");
        assertThat(wcTool.path("outputSchema").path("properties").path("count").path("type").asString()).isEqualTo("integer");

        assertThat(s.path("calculator").path("isError").asBoolean()).isFalse();
        assertThat(s.path("calculator").path("structuredContent").path("value").asDouble()).isEqualTo(42.0);

        JsonNode invalid = s.path("invalid");
        assertThat(invalid.path("isError").asBoolean()).isTrue();
        JsonNode error = MAPPER.readTree(invalid.path("content").get(0).path("text").asString());
        assertThat(error.path("code").asString()).isEqualTo("INVALID_ARGUMENTS");
        List<String> paths = new ArrayList<>();
        error.path("violations").forEach(v -> paths.add(v.path("path").asString()));
        assertThat(paths).containsExactlyInAnyOrder("$.name", "$.age");

        assertThat(s.path("wordCount").path("structuredContent").path("count").asInt()).isEqualTo(4);
    }

    @Test
    void weAdoptATypeScriptStdioServersTools() throws Exception {
        ToolRegistry registry = new ToolRegistry();
        try (McpToolAdopter adopter = McpToolAdopter.stdio(List.of("node", McpFixtures.nodeDir().resolve("server-stdio.mjs").toString()),
            registry, "ts_", List.of("ext:ts"))) {
            checkAdopted(adopter, new ToolInvoker(registry));
        }
    }

    @Test
    void weAdoptATypeScriptStreamableHttpServersTools() throws Exception {
        Process node = new ProcessBuilder("node", "server-http.mjs").directory(McpFixtures.nodeDir().toFile())
            .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            assertThat(line).as("the node server announces its port").startsWith("PORT ");
            ToolRegistry registry = new ToolRegistry();
            try (McpToolAdopter adopter = McpToolAdopter.http("http://127.0.0.1:" + line.substring(5).strip(), "/mcp",
                registry, "ts_", List.of("ext:ts"))) {
                checkAdopted(adopter, new ToolInvoker(registry));
            }
        } finally {
            node.getOutputStream().close();
            node.destroy();
            node.waitFor(5, TimeUnit.SECONDS);
        }
    }

    private static void checkAdopted(McpToolAdopter adopter, ToolInvoker invoker) {
        assertThat(adopter.adopted()).containsExactlyInAnyOrder("ts_add", "ts_shout", "ts_fail");
        Set<String> scopes = Set.of("ext:ts");
        ToolOutcome sum = invoker.invoke(ToolCall.of("ts_add", "{\"a\": 2, \"b\": 40}", scopes), OutputListener.NONE);
        assertThat(((ToolOutcome.Success) sum).result().path("sum").asInt()).isEqualTo(42);
        ToolOutcome shout = invoker.invoke(ToolCall.of("ts_shout", "{\"text\": \"hi\"}", scopes), OutputListener.NONE);
        assertThat(((ToolOutcome.Success) shout).result().path("text").asString()).isEqualTo("HI");
        ToolOutcome bad = invoker.invoke(ToolCall.of("ts_add", "{\"a\": \"two\"}", scopes), OutputListener.NONE);
        var badError = ((ToolOutcome.Failure) bad).error();
        assertThat(badError.code()).isEqualTo(ToolErrorCode.INVALID_ARGUMENTS);
        assertThat(badError.violations()).extracting(v -> v.path()).contains("$.a", "$.b");
        ToolOutcome fail = invoker.invoke(ToolCall.of("ts_fail", "{}", scopes), OutputListener.NONE);
        assertThat(((ToolOutcome.Failure) fail).error().code()).isEqualTo(ToolErrorCode.TOOL_FAILED);
        assertThat(((ToolOutcome.Failure) fail).error().message()).contains("deliberate failure");
        ToolOutcome denied = invoker.invoke(ToolCall.of("ts_add", "{\"a\": 1, \"b\": 2}", Set.of()), OutputListener.NONE);
        assertThat(((ToolOutcome.Failure) denied).error().code()).isEqualTo(ToolErrorCode.PERMISSION_DENIED);
    }

    static JsonNode runNode(List<String> argv) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(argv).directory(McpFixtures.nodeDir().toFile())
            .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String text = new String(out, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as("node client output: " + text).isZero();
        String last = text.lines().reduce((a, b) -> b).orElse("");
        return MAPPER.readTree(last);
    }
}

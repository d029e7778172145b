package dev.strata.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.strata.server.testing.NodeScript;
import dev.strata.server.testing.ScriptedEngine;
import dev.strata.server.testing.TestServers;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** OpenAI's official npm SDK and grpc-js against a live server: the wire formats as real clients parse them. */
@Tag("integration")
class NodeClientsTest {

    @Test
    void openAiSdkAndGrpcJsTalkToTheServer() throws Exception {
        var tokenizer = TestServers.tokenizer();
        try (StrataServer server = TestServers.start(new ScriptedEngine(tokenizer, 512, 64, 200), tokenizer)) {
            JsonNode openai = NodeScript.run("openai-client.mjs", Map.of("STRATA_HTTP", "http://127.0.0.1:" + server.httpPort() + "/v1"));
            assertThat(openai.get("models").get(0).asText()).isEqualTo("stories260K");
            assertThat(openai.at("/completion/finish").asText()).isEqualTo("length");
            assertThat(openai.at("/completion/usage/completion_tokens").asInt()).isEqualTo(12);
            assertThat(openai.at("/stream/text").asText()).contains("upon a time");
            assertThat(openai.at("/stream/usage/completion_tokens").asInt()).isPositive();
            assertThat(openai.at("/tools/finish").asText()).isEqualTo("tool_calls");
            assertThat(openai.at("/tools/calls/0/name").asText()).isEqualTo("get_weather");
            assertThat(openai.at("/tools/calls/0/arguments").asText()).contains("Paris");
            assertThat(openai.at("/toolStream/finish").asText()).isEqualTo("tool_calls");
            assertThat(openai.at("/toolStream/names/0").asText()).isEqualTo("get_weather");
            assertThat(openai.at("/error/status").asInt()).isEqualTo(400);
            assertThat(openai.at("/error/param").asText()).isEqualTo("max_tokens");
            assertThat(openai.at("/notFound/status").asInt()).isEqualTo(404);

            JsonNode grpc = NodeScript.run("grpc-client.mjs", Map.of("STRATA_GRPC", "127.0.0.1:" + server.grpcPort()));
            assertThat(grpc.get("models").get(0).asText()).isEqualTo("stories260K");
            assertThat(grpc.at("/generate/finish").asText()).isEqualTo("FINISH_REASON_LENGTH");
            assertThat(grpc.at("/generate/usage/completion_tokens").asInt()).isEqualTo(12);
            assertThat(grpc.at("/generate/text").asText()).contains("upon a time");
            assertThat(grpc.at("/invalid/code").asInt()).isEqualTo(3); // INVALID_ARGUMENT
            assertThat(grpc.at("/invalid/details").asText()).contains("max_tokens");
        }
    }
}

package dev.strata.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.strata.server.StrataServer;
import dev.strata.server.testing.ScriptedEngine;
import dev.strata.server.testing.TestServers;
import dev.strata.tokenizer.Tokenizer;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class HttpApiTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static Tokenizer tokenizer;
    static ScriptedEngine engine;
    static StrataServer server;
    static HttpClient http1;
    static HttpClient http2;

    @BeforeAll
    static void start() {
        tokenizer = TestServers.tokenizer();
        engine = new ScriptedEngine(tokenizer, 512, 64, 300);
        server = TestServers.start(engine, tokenizer);
        http1 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        http2 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static HttpResponse<String> post(HttpClient client, String path, String contentType, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort() + path))
            .timeout(Duration.ofSeconds(20)).POST(HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) b.header("Content-Type", contentType);
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> get(String path) throws Exception {
        return http1.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort() + path)).build(),
            HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void operationalEndpoints() throws Exception {
        assertThat(get("/health").statusCode()).isEqualTo(200);
        assertThat(get("/ready").statusCode()).isEqualTo(200);
        var metrics = get("/metrics");
        assertThat(metrics.headers().firstValue("content-type").orElseThrow()).startsWith("text/plain; version=0.0.4");
        assertThat(metrics.body()).contains("strata:test 1");
        JsonNode models = JSON.readTree(get("/v1/models").body());
        assertThat(models.get("object").asText()).isEqualTo("list");
        assertThat(models.get("data").get(0).get("id").asText()).isEqualTo("stories260K");
        assertThat(get("/v1/models/stories260K").statusCode()).isEqualTo(200);
        assertThat(get("/v1/models/nope").statusCode()).isEqualTo(404);
    }

    @Test
    void completionReturnsTextAndUsage() throws Exception {
        var r = post(http1, "/v1/completions", "application/json",
            "{\"model\":\"stories260K\",\"prompt\":\"Once upon a time\",\"max_tokens\":5}");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.get("object").asText()).isEqualTo("text_completion");
        JsonNode choice = body.get("choices").get(0);
        int[] five = java.util.Arrays.copyOf(tokenizer.encode(" Once upon a time there was a little dog.", false), 5);
        assertThat(choice.get("text").asText()).isEqualTo(tokenizer.decode(five, true));
        assertThat(choice.get("finish_reason").asText()).isEqualTo("length");
        assertThat(body.get("usage").get("completion_tokens").asInt()).isEqualTo(5);
        assertThat(body.get("usage").get("prompt_tokens").asInt()).isEqualTo(tokenizer.encode("Once upon a time", true).length);
        assertThat(r.headers().firstValue("x-request-id")).isPresent();
    }

    @Test
    void chatStreamsServerSentEventsOverHttp2() throws Exception {
        var r = post(http2, "/v1/chat/completions", "application/json",
            "{\"messages\":[{\"role\":\"user\",\"content\":\"Tell me a story\"}],\"stream\":true,"
                + "\"stream_options\":{\"include_usage\":true},\"max_tokens\":50}");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(r.headers().firstValue("content-type").orElseThrow()).startsWith("text/event-stream");
        List<String> events = events(r.body());
        assertThat(events.getLast()).isEqualTo("[DONE]");
        StringBuilder text = new StringBuilder();
        String finish = null;
        JsonNode usage = null;
        for (String e : events.subList(0, events.size() - 1)) {
            JsonNode chunk = JSON.readTree(e);
            assertThat(chunk.get("object").asText()).isEqualTo("chat.completion.chunk");
            if (chunk.get("choices").isEmpty()) {
                usage = chunk.get("usage");
                continue;
            }
            JsonNode c = chunk.get("choices").get(0);
            if (c.get("delta").has("content")) text.append(c.get("delta").get("content").asText());
            if (!c.get("finish_reason").isNull()) finish = c.get("finish_reason").asText();
        }
        assertThat(text.toString()).isEqualTo(tokenizer.decode(tokenizer.encode(" Once upon a time there was a little dog.", false), true));
        assertThat(finish).isEqualTo("stop");
        assertThat(usage.get("total_tokens").asInt()).isEqualTo(usage.get("prompt_tokens").asInt() + usage.get("completion_tokens").asInt());
    }

    @Test
    void toolCallsAreParsedOutOfTheText() throws Exception {
        String tools = "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"parameters\":"
            + "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}}}}}]";
        engine.replyWith("<tool_call>{\"name\": \"get_weather\", \"arguments\": {\"city\": \"Paris\"}}</tool_call>");
        try {
            var r = post(http1, "/v1/chat/completions", "application/json",
                "{\"messages\":[{\"role\":\"user\",\"content\":\"Weather in Paris?\"}]," + tools + ",\"max_tokens\":200}");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            JsonNode choice = JSON.readTree(r.body()).get("choices").get(0);
            assertThat(choice.get("finish_reason").asText()).isEqualTo("tool_calls");
            JsonNode call = choice.get("message").get("tool_calls").get(0);
            assertThat(call.get("function").get("name").asText()).isEqualTo("get_weather");
            assertThat(JSON.readTree(call.get("function").get("arguments").asText()).get("city").asText()).isEqualTo("Paris");
            assertThat(choice.get("message").get("content").isNull()).isTrue();
            // tool_choice forcing a call hands the engine a JSON-schema constraint
            post(http1, "/v1/chat/completions", "application/json", "{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],"
                + tools + ",\"tool_choice\":{\"type\":\"function\",\"function\":{\"name\":\"get_weather\"}},\"max_tokens\":200}");
            assertThat(engine.submitted.stream().anyMatch(q -> q.constraint() != null
                && q.constraint().source().contains("get_weather") && q.constraint().source().contains("city"))).isTrue();
        } finally {
            engine.replyWith(" Once upon a time there was a little dog.");
        }
    }

    @Test
    void badInputGetsOpenAiErrorsNamingTheField() throws Exception {
        assertError(post(http1, "/v1/completions", "application/json", "{not json"), 400, null);
        assertError(post(http1, "/v1/completions", "application/json", "{\"model\":\"gpt-9\",\"prompt\":\"x\"}"), 404, "model");
        assertError(post(http1, "/v1/completions", "application/json", "{\"prompt\":\"x\",\"max_tokens\":-3}"), 400, "max_tokens");
        assertError(post(http1, "/v1/completions", "application/json", "{\"prompt\":\"x\",\"max_tokens\":100000000000}"), 400, "max_tokens");
        assertError(post(http1, "/v1/completions", "application/json", "{\"prompt\":\"" + "Once upon a time ".repeat(300) + "\"}"), 400, "prompt");
        assertError(post(http1, "/v1/completions", "text/plain", "{\"prompt\":\"x\"}"), 415, null);
        assertError(post(http1, "/v1/completions", "application/json", "{\"prompt\":\"" + "x".repeat(70_000) + "\"}"), 413, null);
        assertError(post(http1, "/v1/chat/completions", "application/json", "{\"messages\":[{\"role\":\"wizard\",\"content\":\"x\"}]}"),
            400, "messages[0].role");
        assertError(post(http1, "/v1/chat/completions", "application/json", "{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],"
            + "\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"x\",\"schema\":{\"type\":\"not-a-type\"}}}}"),
            400, "response_format");
        assertError(post(http1, "/v1/chat/completions", "application/json", "{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"temperature\":\"hot\"}"),
            400, "temperature");
        assertError(post(http1, "/v1/nothing", "application/json", "{}"), 404, null);
        assertError(get("/v1/completions"), 405, null);
    }

    @Test
    void aBodyOverTheLimitIsAnswered413AndTheConnectionStaysUsable() throws Exception {
        // The server used to close right after its 413, while the client was still sending: unread bytes made the
        // kernel reset the connection, and the client could see a broken pipe instead of the answer (seen on CI).
        // Now the rest of the body is read and dropped, and the same connection serves the next request.
        try (Socket socket = new Socket("127.0.0.1", server.httpPort())) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            String body = "{\"prompt\":\"" + "x".repeat(100_000) + "\"}";
            out.write(request(body));
            out.flush();
            String[] first = readResponse(in);
            assertThat(first[0]).startsWith("HTTP/1.1 413");
            assertThat(JSON.readTree(first[1]).get("error").get("code").asText()).isEqualTo("request_too_large");
            out.write(request("{\"prompt\":\"x\",\"max_tokens\":2}"));
            out.flush();
            assertThat(readResponse(in)[0]).startsWith("HTTP/1.1 200");
        }
        // a fresh HTTP/2 client sends its first request as an h2c upgrade, whose body the upgrade handler
        // aggregates itself: it answers in OpenAI's shape too (Netty's own 413 there has no body)
        HttpClient fresh = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
        assertError(post(fresh, "/v1/completions", "application/json", "{\"prompt\":\"" + "x".repeat(100_000) + "\"}"), 413, null);
    }

    private static byte[] request(String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        String head = "POST /v1/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            + "Content-Length: " + body.length + "\r\n\r\n";
        byte[] h = head.getBytes(StandardCharsets.US_ASCII);
        byte[] all = Arrays.copyOf(h, h.length + body.length);
        System.arraycopy(body, 0, all, h.length, body.length);
        return all;
    }

    /** Status line and body of one HTTP/1.1 response with a Content-Length. */
    private static String[] readResponse(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) throw new IOException("connection closed after: " + head);
            head.append((char) b);
        }
        Matcher m = Pattern.compile("(?i)content-length: *(\\d+)").matcher(head);
        int length = m.find() ? Integer.parseInt(m.group(1)) : 0;
        byte[] body = in.readNBytes(length);
        return new String[] {head.substring(0, head.indexOf("\r\n")), new String(body, StandardCharsets.UTF_8)};
    }

    @Test
    void overloadAnswers429WithRetryAfter() throws Exception {
        ScriptedEngine tiny = new ScriptedEngine(tokenizer, 512, 1, 200_000);
        try (StrataServer s = TestServers.start(tiny, tokenizer)) {
            HttpRequest first = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.httpPort() + "/v1/completions"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"prompt\":\"a\",\"max_tokens\":3}")).build();
            var pending = http1.sendAsync(first, HttpResponse.BodyHandlers.ofString());
            while (tiny.submitted.isEmpty()) Thread.sleep(5);
            var second = http1.send(first, HttpResponse.BodyHandlers.ofString());
            assertThat(second.statusCode()).isEqualTo(429);
            assertThat(second.headers().firstValue("retry-after")).isPresent();
            assertThat(JSON.readTree(second.body()).get("error").get("type").asText()).isEqualTo("rate_limit_error");
            assertThat(pending.get().statusCode()).isEqualTo(200);
        }
    }

    @Test
    void clientThatDisconnectsCancelsItsGeneration() throws Exception {
        ScriptedEngine slow = new ScriptedEngine(tokenizer, 512, 8, 50_000);
        slow.replyWith("a ".repeat(200));
        try (StrataServer s = TestServers.start(slow, tokenizer)) {
            String body = "{\"prompt\":\"x\",\"max_tokens\":300,\"stream\":true}";
            try (Socket socket = new Socket("127.0.0.1", s.httpPort())) {
                socket.getOutputStream().write(("POST /v1/completions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length() + "\r\n\r\n" + body).getBytes(StandardCharsets.US_ASCII));
                InputStream in = socket.getInputStream();
                byte[] buf = new byte[256];
                assertThat(new String(buf, 0, in.read(buf), StandardCharsets.US_ASCII)).startsWith("HTTP/1.1 200");
            }
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (slow.cancelled.get() == 0 && System.nanoTime() < deadline) Thread.sleep(10);
            assertThat(slow.cancelled.get()).isEqualTo(1);
            assertThat(slow.stats().running()).isZero();
        }
    }

    static void assertError(HttpResponse<String> r, int status, String param) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        JsonNode error = JSON.readTree(r.body()).get("error");
        assertThat(error.get("message").asText()).isNotBlank();
        assertThat(error.has("type")).isTrue();
        if (param != null) {
            assertThat(error.get("param").asText()).isEqualTo(param);
            assertThat(error.get("message").asText()).contains(param.replaceAll("\\[.*", ""));
        }
    }

    static List<String> events(String body) {
        List<String> out = new ArrayList<>();
        for (String block : body.split("\n\n")) {
            if (block.startsWith("data: ")) out.add(block.substring(6));
        }
        return out;
    }
}

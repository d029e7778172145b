package dev.strata.cli.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.strata.proto.inference.v1.GenerateRequest;
import dev.strata.proto.inference.v1.GenerateResponse;
import dev.strata.proto.inference.v1.InferenceServiceGrpc;
import dev.strata.proto.inference.v1.SamplingParams;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;

/** The two requests of {@code strata demo}: streaming over gRPC and streaming over HTTP (SSE), each timed. */
final class DemoClients {
    private static final ObjectMapper JSON = new ObjectMapper();

    private DemoClients() {
    }

    /**
     * @param text        the streamed answer
     * @param tokens      tokens generated
     * @param ttftMillis  time from sending to the first token
     * @param tokensPerSecond decode rate after the first token
     */
    record Answer(String text, int tokens, double ttftMillis, double tokensPerSecond) {
    }

    static Answer grpc(String host, int port, String prompt, int maxTokens) throws InterruptedException {
        ManagedChannel channel = Grpc.newChannelBuilderForAddress(host, port, InsecureChannelCredentials.create()).build();
        try {
            long start = System.nanoTime();
            long first = 0;
            StringBuilder text = new StringBuilder();
            int tokens = 0;
            Iterator<GenerateResponse> it = InferenceServiceGrpc.newBlockingStub(channel).withDeadlineAfter(5, TimeUnit.MINUTES)
                .generate(GenerateRequest.newBuilder().setPrompt(prompt).setRequestId("demo-grpc")
                    .setSampling(SamplingParams.newBuilder().setTemperature(0).setMaxTokens(maxTokens)).build());
            while (it.hasNext()) {
                GenerateResponse r = it.next();
                if (r.getTokenIdsCount() > 0 && first == 0) first = System.nanoTime();
                tokens += r.getTokenIdsCount();
                text.append(r.getText());
            }
            return answer(text.toString(), tokens, start, first, System.nanoTime());
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    static Answer httpChat(String host, int port, String userMessage, int maxTokens) throws IOException, InterruptedException {
        String body = "{\"messages\":[{\"role\":\"user\",\"content\":" + JSON.writeValueAsString(userMessage) + "}],"
            + "\"max_tokens\":" + maxTokens + ",\"temperature\":0,\"stream\":true,\"stream_options\":{\"include_usage\":true}}";
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        long start = System.nanoTime();
        HttpResponse<java.io.InputStream> r = client.send(HttpRequest.newBuilder(URI.create("http://" + host + ":" + port + "/v1/chat/completions"))
            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
            HttpResponse.BodyHandlers.ofInputStream());
        if (r.statusCode() != 200) throw new IOException("HTTP " + r.statusCode() + ": " + new String(r.body().readAllBytes(), StandardCharsets.UTF_8));
        long first = 0;
        int tokens = 0;
        StringBuilder text = new StringBuilder();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                if (!line.startsWith("data: ")) continue;
                String data = line.substring(6);
                if (data.equals("[DONE]")) break;
                JsonNode chunk = JSON.readTree(data);
                if (chunk.hasNonNull("usage")) tokens = chunk.get("usage").get("completion_tokens").asInt();
                for (JsonNode c : chunk.path("choices")) {
                    String piece = c.path("delta").path("content").asText("");
                    if (!piece.isEmpty() && first == 0) first = System.nanoTime();
                    text.append(piece);
                }
            }
        }
        return answer(text.toString(), tokens, start, first, System.nanoTime());
    }

    private static Answer answer(String text, int tokens, long start, long first, long end) {
        double ttft = first == 0 ? Double.NaN : (first - start) / 1e6;
        double rate = first == 0 || tokens < 2 ? Double.NaN : (tokens - 1) / ((end - first) / 1e9);
        return new Answer(text, tokens, ttft, rate);
    }
}

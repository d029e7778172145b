package dev.strata.benchmarks.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code POST /v1/completions} with {@code stream: true}, read as server-sent events over HTTP/1.1 keep-alive. */
final class SseStreamClient implements StreamClient {
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(30)).build();
    private static final Pattern USAGE = Pattern.compile("\"completion_tokens\":(\\d+)");
    private final URI uri;

    SseStreamClient(String host, int port) {
        uri = URI.create("http://" + host + ":" + port + "/v1/completions");
    }

    @Override
    public String name() {
        return "http-sse";
    }

    @Override
    public Timing generate(String prompt, int maxTokens) throws IOException, InterruptedException {
        String body = "{\"prompt\":\"" + prompt.replace("\"", "\\\"") + "\",\"max_tokens\":" + maxTokens
            + ",\"temperature\":0,\"ignore_eos\":true,\"stream\":true,\"stream_options\":{\"include_usage\":true}}";
        long start = System.nanoTime();
        HttpResponse<InputStream> r = client.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofInputStream());
        if (r.statusCode() != 200) {
            throw new IOException("HTTP " + r.statusCode() + ": " + new String(r.body().readAllBytes(), StandardCharsets.UTF_8));
        }
        long first = 0;
        int tokens = 0;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                if (!line.startsWith("data: ")) continue;
                if (line.equals("data: [DONE]")) break;
                if (first == 0 && line.contains("\"finish_reason\":null")) first = System.nanoTime();
                Matcher m = USAGE.matcher(line);
                if (m.find()) tokens = Integer.parseInt(m.group(1));
            }
        }
        return new Timing(start, first, System.nanoTime(), tokens);
    }
}

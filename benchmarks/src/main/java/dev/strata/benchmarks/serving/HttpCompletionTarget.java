package dev.strata.benchmarks.serving;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.stream.Stream;

/**
 * An OpenAI-compatible server: {@code POST /v1/completions} with {@code stream: true}, the prompt as token ids,
 * {@code ignore_eos} and greedy decoding, reading the server-sent events as they arrive. TTFT is the arrival of
 * the first event that carries a choice; the output token count is the final usage when the server sends it
 * ({@code stream_options.include_usage}), else the number of choice events.
 */
public final class HttpCompletionTarget implements CompletionTarget {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client;
    private final URI completions;
    private final String model;
    private final Duration timeout;

    public HttpCompletionTarget(String baseUrl, String model, Duration timeout) {
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        if (base.endsWith("/v1/completions")) base = base.substring(0, base.length() - "/v1/completions".length());
        try {
            this.completions = URI.create(base + "/v1/completions");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--url: not a URL: " + baseUrl);
        }
        this.timeout = timeout;
        this.model = model != null ? model : firstModel(base);
    }

    /** The model name requests carry. */
    public String model() {
        return model;
    }

    private String firstModel(String base) {
        try {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(base + "/v1/models")).timeout(timeout).GET().build(),
                HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) throw new IllegalStateException("GET /v1/models answered " + r.statusCode());
            JsonNode data = JSON.readTree(r.body()).path("data");
            if (!data.isArray() || data.isEmpty()) throw new IllegalStateException("GET /v1/models lists no model");
            return data.get(0).path("id").asText();
        } catch (IOException e) {
            // java.net.http reports a refused connection as ConnectException with no message
            String why = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
            throw new IllegalStateException("cannot reach " + base + ": " + why, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public RequestResult send(RequestSpec spec) {
        ObjectNode body = JSON.createObjectNode();
        body.put("model", model);
        var prompt = body.putArray("prompt");
        for (int t : spec.promptTokens()) prompt.add(t);
        body.put("max_tokens", spec.outputTokens());
        body.put("temperature", 0);
        body.put("ignore_eos", true);
        body.put("stream", true);
        body.putObject("stream_options").put("include_usage", true);
        HttpRequest req = HttpRequest.newBuilder(completions).timeout(timeout)
            .header("Content-Type", "application/json").header("Accept", "text/event-stream")
            .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
        long start = System.nanoTime();
        try {
            HttpResponse<Stream<String>> r = client.send(req, HttpResponse.BodyHandlers.ofLines());
            try (Stream<String> lines = r.body()) {
                if (r.statusCode() != 200) {
                    StringBuilder b = new StringBuilder();
                    lines.limit(5).forEach(b::append);
                    return RequestResult.failed("HTTP " + r.statusCode() + ": " + b);
                }
                long ttft = 0;
                int events = 0;
                int usageTokens = -1;
                for (Iterator<String> it = lines.iterator(); it.hasNext(); ) {
                    String line = it.next();
                    if (!line.startsWith("data:")) continue;
                    String data = line.substring(5).trim();
                    if (data.equals("[DONE]")) break;
                    JsonNode ev = JSON.readTree(data);
                    if (ev.has("error")) return RequestResult.failed("stream error: " + ev.get("error"));
                    JsonNode choices = ev.path("choices");
                    if (choices.isArray() && !choices.isEmpty()) {
                        if (ttft == 0) ttft = System.nanoTime() - start;
                        events++;
                    }
                    JsonNode usage = ev.path("usage");
                    if (usage.has("completion_tokens")) usageTokens = usage.get("completion_tokens").asInt();
                }
                long e2e = System.nanoTime() - start;
                int tokens = usageTokens >= 0 ? usageTokens : events;
                if (ttft == 0) return RequestResult.failed("stream ended without a token");
                return new RequestResult(true, ttft, e2e, tokens, null);
            }
        } catch (IOException e) {
            return RequestResult.failed(e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return RequestResult.failed("interrupted");
        }
    }

    @Override
    public void close() {
        client.close();
    }
}

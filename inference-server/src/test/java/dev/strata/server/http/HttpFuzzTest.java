package dev.strata.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.server.StrataServer;
import dev.strata.server.testing.ScriptedEngine;
import dev.strata.server.testing.TestServers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Thousands of mutated requests against the HTTP API: every answer must be a 2xx or 4xx (never a 5xx, a hang or a
 * dropped connection), every error body OpenAI-shaped, and afterwards no generation may still hold the engine.
 */
@Tag("integration")
class HttpFuzzTest {
    private static final String[] SEEDS = {
        "{\"model\":\"stories260K\",\"prompt\":\"Once upon a time\",\"max_tokens\":8,\"temperature\":0.7,\"stop\":[\"\\n\"],\"logprobs\":2}",
        "{\"messages\":[{\"role\":\"system\",\"content\":\"Be brief.\"},{\"role\":\"user\",\"content\":\"Hi\"}],\"max_tokens\":6,\"stream\":true,"
            + "\"stream_options\":{\"include_usage\":true},\"n\":2,\"seed\":7}",
        "{\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"weather?\"}]}],\"tools\":[{\"type\":\"function\","
            + "\"function\":{\"name\":\"get_weather\",\"parameters\":{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}}}}}],"
            + "\"tool_choice\":\"auto\",\"max_tokens\":5}",
        "{\"messages\":[{\"role\":\"user\",\"content\":\"json\"}],\"response_format\":{\"type\":\"json_schema\",\"json_schema\":"
            + "{\"name\":\"x\",\"schema\":{\"type\":\"object\"}}},\"max_completion_tokens\":4,\"logit_bias\":{\"5\":-100},\"top_p\":0.9}",
        "{\"prompt\":[1,2,3,4],\"max_tokens\":3,\"echo\":true,\"presence_penalty\":0.5,\"frequency_penalty\":-0.5}",
    };
    private static final String[] TOKENS = {"null", "-1", "0", "1e999", "-1e308", "[]", "{}", "\"\"", "\"\\ud800\"", "true",
        "99999999999999999999", "\"\\u0000\"", "[[[[[[[[", "}", ",", ":", "\"model\"", "\"n\"", "2147483648", "0.5", "\"stream\""};

    @Test
    void mutatedRequestsNeverCauseServerErrors() throws Exception {
        var tokenizer = TestServers.tokenizer();
        ScriptedEngine engine = new ScriptedEngine(tokenizer, 512, 10_000, 20);
        int requests = Integer.getInteger("strata.fuzz.requests", 3000);
        Map<Integer, Integer> summary;
        try (StrataServer server = TestServers.start(engine, tokenizer)) {
            int threadsBefore = Thread.activeCount();
            summary = fuzz(server.httpPort(), requests, 0);
            long until = System.nanoTime() + 5_000_000_000L;
            while (engine.stats().running() > 0 && System.nanoTime() < until) Thread.sleep(10);
            assertThat(engine.stats().running()).as("generations left holding the engine").isZero();
            assertThat(Thread.activeCount()).as("threads leaked").isLessThan(threadsBefore + 20);
        }
        System.out.println("http fuzz: " + requests + " requests, statuses " + summary);
        assertThat(summary.getOrDefault(200, 0)).as("some mutations stay valid").isPositive();
        assertThat(summary.getOrDefault(400, 0)).isPositive();
    }

    /**
     * Sends {@code requests} mutated requests (4 at a time) and returns the count per status; fails on any 5xx,
     * dropped connection or error body not in OpenAI's shape.
     */
    static Map<Integer, Integer> fuzz(int port, int requests, long seedBase) throws Exception {
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                final long seed = seedBase + i;
                futures.add(pool.submit(() -> {
                    SplittableRandom rnd = new SplittableRandom(seed * 0x9E3779B97F4A7C15L);
                    byte[] body = mutate(SEEDS[rnd.nextInt(SEEDS.length)].getBytes(StandardCharsets.UTF_8), rnd);
                    String path = rnd.nextInt(20) == 0 ? "/v1/embeddings" : rnd.nextBoolean() && body[0] == '{' && new String(body).contains("messages")
                        ? "/v1/chat/completions" : rnd.nextBoolean() ? "/v1/completions" : "/v1/chat/completions";
                    String type = rnd.nextInt(25) == 0 ? "text/plain" : "application/json";
                    try {
                        var r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                            .timeout(Duration.ofSeconds(60)).header("Content-Type", type)
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
                        statuses.computeIfAbsent(r.statusCode(), k -> new AtomicInteger()).incrementAndGet();
                        if (r.statusCode() >= 500) failures.add(r.statusCode() + " for " + new String(body, StandardCharsets.UTF_8) + " -> " + r.body());
                        if (r.statusCode() >= 400 && !r.body().startsWith("{\"error\":{\"message\":")) failures.add("not OpenAI-shaped: " + r.body());
                    } catch (Exception e) {
                        failures.add(e + " for " + new String(body, StandardCharsets.UTF_8));
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) f.get();
        }
        assertThat(failures).isEmpty();
        Map<Integer, Integer> summary = new TreeMap<>();
        statuses.forEach((k, v) -> summary.put(k, v.get()));
        assertThat(summary.keySet()).allMatch(s -> s < 500);
        return summary;
    }

    static byte[] mutate(byte[] seed, SplittableRandom rnd) {
        byte[] b = seed;
        int rounds = 1 + rnd.nextInt(3);
        for (int r = 0; r < rounds; r++) {
            int pos = rnd.nextInt(b.length);
            switch (rnd.nextInt(5)) {
                case 0 -> { // flip a byte
                    b = b.clone();
                    b[pos] = (byte) rnd.nextInt(256);
                }
                case 1 -> { // truncate
                    b = java.util.Arrays.copyOf(b, Math.max(1, pos));
                }
                case 2 -> { // delete a range
                    int len = Math.min(b.length - pos, 1 + rnd.nextInt(12));
                    byte[] out = new byte[b.length - len];
                    System.arraycopy(b, 0, out, 0, pos);
                    System.arraycopy(b, pos + len, out, pos, b.length - pos - len);
                    b = out.length == 0 ? new byte[] {'{'} : out;
                }
                default -> { // splice in a JSON token after a ':' or ','
                    String s = new String(b, StandardCharsets.ISO_8859_1);
                    int at = s.indexOf(rnd.nextBoolean() ? ':' : ',', pos);
                    if (at < 0) at = pos;
                    String token = TOKENS[rnd.nextInt(TOKENS.length)];
                    int end = at + 1;
                    while (end < s.length() && ",}]".indexOf(s.charAt(end)) < 0 && rnd.nextInt(4) != 0) end++;
                    b = (s.substring(0, at + 1) + token + s.substring(Math.min(end, s.length()))).getBytes(StandardCharsets.ISO_8859_1);
                }
            }
        }
        return b;
    }
}

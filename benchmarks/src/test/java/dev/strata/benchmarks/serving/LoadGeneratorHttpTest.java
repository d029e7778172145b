package dev.strata.benchmarks.serving;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HTTP load generator against a real local server streaming server-sent events with known timings. */
class LoadGeneratorHttpTest {
    private HttpServer server;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final AtomicInteger received = new AtomicInteger();
    private String url;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/v1/models", ex -> {
            byte[] b = "{\"object\":\"list\",\"data\":[{\"id\":\"m1\",\"object\":\"model\"}]}".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, b.length);
            ex.getResponseBody().write(b);
            ex.close();
        });
        server.createContext("/v1/completions", ex -> {
            int now = inFlight.incrementAndGet();
            maxInFlight.accumulateAndGet(now, Math::max);
            received.incrementAndGet();
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Matcher m = Pattern.compile("\"max_tokens\":(\\d+)").matcher(body);
            int max = m.find() ? Integer.parseInt(m.group(1)) : 1;
            if (!body.contains("\"model\":\"m1\"") || !body.contains("\"stream\":true")) {
                ex.sendResponseHeaders(400, -1);
                ex.close();
                inFlight.decrementAndGet();
                return;
            }
            ex.getResponseHeaders().add("Content-Type", "text/event-stream");
            ex.sendResponseHeaders(200, 0);
            try (OutputStream out = ex.getResponseBody()) {
                sleep(20); // time to first token
                for (int i = 0; i < max; i++) {
                    if (i > 0) sleep(2);
                    out.write(("data: {\"choices\":[{\"index\":0,\"text\":\" t" + i + "\"}]}\n\n").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
                out.write(("data: {\"choices\":[],\"usage\":{\"completion_tokens\":" + max + "}}\n\ndata: [DONE]\n\n").getBytes(StandardCharsets.UTF_8));
            } finally {
                inFlight.decrementAndGet();
            }
        });
        server.start();
        url = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void closedLoopMeasuresTtftTpotAndThroughput() {
        List<RequestSpec> specs = new WorkloadMix(1, 64, 10, 0, 100, 100).requests(12);
        try (HttpCompletionTarget t = new HttpCompletionTarget(url, null, Duration.ofSeconds(30))) {
            assertThat(t.model()).isEqualTo("m1");
            LoadGenerator.Run run = LoadGenerator.run(t, specs, 4, 0, 1);
            ServeSummary s = ServeSummary.of(specs, run, 1000, 100);
            assertThat(s.ok()).isEqualTo(12);
            assertThat(maxInFlight.get()).isEqualTo(4);
            long expectedTokens = specs.stream().mapToInt(RequestSpec::outputTokens).sum();
            assertThat(s.outputTokens()).isEqualTo(expectedTokens);
            assertThat(s.ttftP50Ms()).isBetween(15.0, 500.0);
            assertThat(s.tpotP50Ms()).isBetween(1.5, 100.0);
            assertThat(s.throughputTokS()).isPositive();
            assertThat(s.table("http")).contains("throughput_tok_s", "ttft_p50_ms", "ttft_p99_ms", "tpot_p50_ms", "tpot_p99_ms", "goodput_req_s");
        }
    }

    @Test
    void poissonArrivalsAtARateTakeAboutRequestsOverRate() {
        List<RequestSpec> specs = new WorkloadMix(2, 64, 2, 0, 100, 100).requests(20);
        try (HttpCompletionTarget t = new HttpCompletionTarget(url, "m1", Duration.ofSeconds(30))) {
            LoadGenerator.Run run = LoadGenerator.run(t, specs, 100, 50, 3);
            assertThat(run.results()).allMatch(RequestResult::ok);
            // 20 arrivals at 50/s: about 0.4 s (Poisson: wide bounds)
            assertThat(run.wallNanos() / 1e9).isBetween(0.1, 3.0);
        }
    }

    @Test
    void aSweepRunsClosedLoopsThenPoissonRatesDerivedFromTheWidestLoop() {
        List<RequestSpec> specs = new WorkloadMix(3, 64, 4, 0, 100, 100).requests(8);
        try (HttpCompletionTarget t = new HttpCompletionTarget(url, "m1", Duration.ofSeconds(30))) {
            ServeSweep.Result r = ServeSweep.run(t, specs, List.of(1, 4), List.of(), 7, 2000, 200,
                new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
            assertThat(r.titles()).hasSize(5);
            assertThat(r.titles().subList(0, 2)).containsExactly("c=1", "c=4");
            assertThat(r.titles().get(4)).startsWith("rate=");
            for (ServeSummary x : r.summaries()) assertThat(x.ok()).isEqualTo(8);
            // the closed loop of 4 clients really had 4 requests in flight; the derived rates are 25/50/100% of its rate
            assertThat(maxInFlight.get()).isGreaterThanOrEqualTo(4);
            double widest = r.summaries().get(1).requestThroughput();
            assertThat(Double.parseDouble(r.titles().get(2).replaceAll("[^0-9.]", ""))).isCloseTo(widest / 4, org.assertj.core.data.Percentage.withPercentage(1));
            assertThat(r.table()).contains("ttft_p99_ms").contains("c=4").contains("total_tok_s");
        }
    }

    @Test
    void anUnreachableServerIsNamedWithAReadableCause() throws IOException {
        int closedPort;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
            closedPort = probe.getLocalPort();
        }
        String dead = "http://127.0.0.1:" + closedPort;
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new HttpCompletionTarget(dead, null, Duration.ofSeconds(5)).close())
            .isInstanceOf(IllegalStateException.class)
            .hasMessageStartingWith("cannot reach " + dead + ": ")
            .hasMessageNotContaining("null");
    }

    @Test
    void serverErrorsAreCountedNotThrown() {
        try (HttpCompletionTarget t = new HttpCompletionTarget(url, "unknown-model", Duration.ofSeconds(30))) {
            List<RequestSpec> specs = new WorkloadMix(1, 32, 4, 0, 100, 100).requests(3);
            ServeSummary s = ServeSummary.of(specs, LoadGenerator.run(t, specs, 2, 0, 1), 1000, 100);
            assertThat(s.failed()).isEqualTo(3);
            assertThat(s.firstError()).contains("HTTP 400");
        }
    }

    @Test
    void workloadMixIsSeededAndBounded() {
        List<RequestSpec> a = new WorkloadMix(5, 300, 50, 40, 100, 100).requests(50);
        List<RequestSpec> b = new WorkloadMix(5, 300, 50, 40, 100, 100).requests(50);
        for (int i = 0; i < a.size(); i++) {
            assertThat(a.get(i).promptTokens()).isEqualTo(b.get(i).promptTokens());
            assertThat(a.get(i).promptTokens().length).isBetween(41, 300);
            assertThat(a.get(i).outputTokens()).isBetween(1, 50);
            assertThat(java.util.Arrays.copyOf(a.get(i).promptTokens(), 40)).isEqualTo(java.util.Arrays.copyOf(a.get(0).promptTokens(), 40));
        }
    }
}

package dev.strata.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.batching.scheduler.ContinuousBatchingEngine;
import dev.strata.batching.scheduler.EngineConfig;
import dev.strata.models.llama2c.Llama2cReader;
import dev.strata.models.reference.ReferenceModelRunner;
import dev.strata.observability.metrics.MetricsRegistry;
import dev.strata.server.ServerOptions;
import dev.strata.server.StrataServer;
import dev.strata.server.chat.PlainChatFormatter;
import dev.strata.server.core.ModelFacts;
import dev.strata.server.core.ModelRegistry;
import dev.strata.server.core.ServedModel;
import dev.strata.server.testing.TestServers;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The fuzz run against the real continuous-batching engine on the default model, plus clients that vanish
 * mid-stream: afterwards no request may be running or waiting and no KV block may still be referenced.
 */
@Tag("integration")
class RealEngineFuzzTest {

    @Test
    void mutatedAndAbandonedRequestsLeakNoKvBlocks() throws Exception {
        var tokenizer = TestServers.tokenizer();
        var model = Llama2cReader.load(TestServers.shared().resolve("models/stories260K/stories260K.bin"));
        var runner = new ReferenceModelRunner("stories260K", model, 16, 512, true);
        var metrics = new MetricsRegistry();
        var engine = new ContinuousBatchingEngine(runner, tokenizer, EngineConfig.defaults(), metrics);
        ServedModel served = new ServedModel("stories260K", tokenizer, engine, new PlainChatFormatter(),
            new ModelFacts("llama2c", "llama", "reference", "fp32", "cpu", 260_000, false, ""), 0);
        try (StrataServer server = StrataServer.start(new ModelRegistry(List.of(served)),
                ServerOptions.loopback(metrics::scrape).withSmallLimits())) {
            server.markReady();
            Map<Integer, Integer> statuses = HttpFuzzTest.fuzz(server.httpPort(), 400, 1_000_000);
            waitIdle(engine, 20_000);
            // 16 x 400 tokens would keep the reference engine busy for many seconds: only cancellation frees it within a second
            for (int i = 0; i < 16; i++) abandonStream(server.httpPort());
            waitIdle(engine, 1_000);
            System.out.println("real-engine fuzz: statuses " + statuses + ", after: " + engine.stats());
            assertThat(statuses.getOrDefault(200, 0)).isPositive();
            assertThat(engine.stats().running()).isZero();
            assertThat(engine.stats().waiting()).isZero();
            assertThat(engine.stats().kvCacheUsage()).as("KV blocks still referenced").isZero();
            assertThat(metrics.scrape()).contains("strata:num_requests_running");
        } finally {
            runner.close();
        }
    }

    private static void waitIdle(ContinuousBatchingEngine engine, long millis) throws InterruptedException {
        long until = System.nanoTime() + millis * 1_000_000L;
        while ((engine.stats().running() + engine.stats().waiting() > 0 || engine.stats().kvCacheUsage() > 0)
            && System.nanoTime() < until) {
            Thread.sleep(20);
        }
    }

    /** Starts a long streaming completion, reads the response head, then drops the connection. */
    private static void abandonStream(int port) throws Exception {
        String body = "{\"prompt\":\"Once upon a time\",\"max_tokens\":400,\"stream\":true,\"ignore_eos\":true}";
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.getOutputStream().write(("POST /v1/completions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + body.length() + "\r\n\r\n" + body).getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            byte[] buf = new byte[512];
            assertThat(new String(buf, 0, in.read(buf), StandardCharsets.US_ASCII)).startsWith("HTTP/1.1 200");
        }
    }
}

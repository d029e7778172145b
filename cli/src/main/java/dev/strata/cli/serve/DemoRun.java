package dev.strata.cli.serve;

import dev.strata.cli.UserException;
import dev.strata.cli.config.StrataConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** The demo: a server on free loopback ports, one streamed answer per protocol, timings, then a clean stop. */
public final class DemoRun {
    private DemoRun() {
    }

    public static void run(StrataConfig cfg, String engine, String prompt, int maxTokens, PrintWriter out, PrintWriter err)
        throws IOException, InterruptedException {
        String host = "127.0.0.1";
        try (ServingStack stack = ServingStack.start(cfg, null, engine, host, 0, 0, false, line -> {
            err.println("strata: " + line);
            err.flush();
        })) {
            int http = stack.server().httpPort();
            int grpc = stack.server().grpcPort();
            out.println("Strata demo: " + stack.modelId() + " on the " + stack.engineName() + " engine");
            out.println("  OpenAI HTTP  http://" + host + ":" + http + "/v1");
            out.println("  gRPC         " + host + ":" + grpc);
            out.println();
            out.flush();

            // one token per protocol first: the timed requests then measure serving, not client start-up
            DemoClients.grpc(host, grpc, prompt, 1);
            DemoClients.httpChat(host, http, prompt, 1);
            DemoClients.Answer g = DemoClients.grpc(host, grpc, prompt, maxTokens);
            out.println("gRPC InferenceService.Generate (streaming), prompt \"" + prompt + "\":");
            out.println(prompt + g.text());
            out.println(timing(g));
            out.println();
            out.flush();

            DemoClients.Answer h = DemoClients.httpChat(host, http, prompt, maxTokens);
            out.println("HTTP POST /v1/chat/completions (SSE), user: \"" + prompt + "\":");
            out.println(h.text().strip());
            out.println(timing(h));
            out.println();

            AgentDemo.run(host, grpc, stack.modelId(), out);
            out.println();

            String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://" + host + ":" + http + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
            out.println("metrics: http://" + host + ":" + http + "/metrics (Prometheus text), e.g.");
            metrics.lines().filter(l -> l.startsWith("strata:generation_tokens_total") || l.startsWith("strata:time_to_first_token_seconds_count")
                || l.startsWith("strata:e2e_request_latency_seconds_sum")).limit(6).forEach(l -> out.println("  " + l));
            out.flush();
        } catch (io.grpc.StatusRuntimeException e) {
            throw new UserException("demo request failed: " + e.getStatus());
        }
        out.println("server stopped.");
        out.flush();
    }

    private static String timing(DemoClients.Answer a) {
        return String.format("[%d tokens, time to first token %.1f ms, %.1f tokens/s]", a.tokens(), a.ttftMillis(), a.tokensPerSecond());
    }
}

package dev.strata.server;

import dev.strata.server.core.PlanLimits;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * How a {@link StrataServer} listens.
 *
 * @param host         address to bind, e.g. {@code 127.0.0.1} or {@code 0.0.0.0}
 * @param httpPort     HTTP port (0 picks a free one)
 * @param grpcPort     gRPC port (0 picks a free one)
 * @param ioThreads    Netty event-loop threads shared by both protocols (0: Netty's default)
 * @param maxBodyBytes largest HTTP request body (413 beyond)
 * @param limits       per-request bounds
 * @param drainTimeout how long shutdown waits for in-flight streams
 * @param metricsText  Prometheus text exposition for {@code GET /metrics}
 */
public record ServerOptions(String host, int httpPort, int grpcPort, int ioThreads, int maxBodyBytes, PlanLimits limits,
                            Duration drainTimeout, Supplier<String> metricsText) {

    public static ServerOptions loopback(Supplier<String> metricsText) {
        return new ServerOptions("127.0.0.1", 0, 0, 0, 4 << 20, PlanLimits.DEFAULT, Duration.ofSeconds(30), metricsText);
    }

    /** Small body limit and short drain, for tests. */
    public ServerOptions withSmallLimits() {
        return new ServerOptions(host, httpPort, grpcPort, 2, 64 << 10, limits, Duration.ofSeconds(5), metricsText);
    }

    public ServerOptions withPorts(int http, int grpc) {
        return new ServerOptions(host, http, grpc, ioThreads, maxBodyBytes, limits, drainTimeout, metricsText);
    }
}

package dev.strata.server;

import dev.strata.batching.api.EngineStats;
import dev.strata.server.core.ModelRegistry;
import dev.strata.server.core.ServedModel;
import dev.strata.server.grpc.InferenceGrpcService;
import dev.strata.server.http.HttpServerChannel;
import dev.strata.server.http.ServerState;
import io.grpc.Server;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * One inference-server process: gRPC ({@code InferenceService}, health, reflection) and the OpenAI-compatible HTTP
 * API on one Netty event-loop group, over the engines of a {@link ModelRegistry}. {@link #close()} drains: new
 * requests are refused while in-flight streams finish, up to the drain timeout.
 */
public final class StrataServer implements AutoCloseable {
    private static final String SERVICE = "strata.inference.v1.InferenceService";

    private final ModelRegistry models;
    private final ServerOptions options;
    private final ServerState state = new ServerState();
    private final EventLoopGroup group;
    private final HealthStatusManager health = new HealthStatusManager();
    private final Server grpc;
    private final HttpServerChannel http;
    private volatile boolean closed;

    private StrataServer(ModelRegistry models, ServerOptions options) throws IOException {
        this.models = models;
        this.options = options;
        this.group = new MultiThreadIoEventLoopGroup(options.ioThreads(), NioIoHandler.newFactory());
        health.setStatus("", ServingStatus.NOT_SERVING);
        health.setStatus(SERVICE, ServingStatus.NOT_SERVING);
        boolean started = false;
        Server g = null;
        try {
            g = NettyServerBuilder.forAddress(new InetSocketAddress(options.host(), options.grpcPort()))
                .bossEventLoopGroup(group).workerEventLoopGroup(group).channelType(NioServerSocketChannel.class)
                .maxInboundMessageSize(options.maxBodyBytes())
                .addService(new InferenceGrpcService(models, options.limits(), state))
                .addService(health.getHealthService())
                .addService(ProtoReflectionServiceV1.newInstance())
                .build().start();
            this.grpc = g;
            this.http = HttpServerChannel.bind(group, options, models, state);
            started = true;
        } finally {
            if (!started) {
                if (g != null) g.shutdownNow();
                group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            }
        }
    }

    /** Binds both ports; the server answers {@code /ready} with 503 until {@link #markReady()}. */
    public static StrataServer start(ModelRegistry models, ServerOptions options) {
        try {
            return new StrataServer(models, options);
        } catch (IOException e) {
            throw new UncheckedIOException("could not bind the gRPC port " + options.grpcPort() + ": " + e.getMessage(), e);
        }
    }

    /** Models are loaded and warmed up: readiness and gRPC health turn to serving. */
    public void markReady() {
        state.markReady();
        health.setStatus("", ServingStatus.SERVING);
        health.setStatus(SERVICE, ServingStatus.SERVING);
    }

    public int httpPort() {
        return http.port();
    }

    public int grpcPort() {
        return grpc.getPort();
    }

    public boolean isReady() {
        return state.ready();
    }

    /**
     * Drains and stops: refuses new work, waits for in-flight generations (up to the drain timeout), then closes
     * both listeners, the engines and the event loops.
     */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        state.markDraining();
        health.setStatus("", ServingStatus.NOT_SERVING);
        health.setStatus(SERVICE, ServingStatus.NOT_SERVING);
        for (ServedModel m : models.all()) m.engine().drain();
        long deadline = System.nanoTime() + options.drainTimeout().toNanos();
        while (System.nanoTime() < deadline && busy()) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        grpc.shutdown();
        try {
            if (!grpc.awaitTermination(2, TimeUnit.SECONDS)) grpc.shutdownNow();
        } catch (InterruptedException e) {
            grpc.shutdownNow();
            Thread.currentThread().interrupt();
        }
        http.close();
        for (ServedModel m : models.all()) m.engine().close();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private boolean busy() {
        for (ServedModel m : models.all()) {
            EngineStats s = m.engine().stats();
            if (s.running() + s.waiting() > 0) return true;
        }
        return false;
    }
}

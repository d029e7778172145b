package dev.strata.cli.serve;

import dev.strata.orchestrator.agent.AgentDefinition;
import dev.strata.orchestrator.agent.AgentWorkflow;
import dev.strata.orchestrator.embedding.MiniLmEmbedder;
import dev.strata.orchestrator.events.EventBus;
import dev.strata.orchestrator.grpc.AgentServiceImpl;
import dev.strata.orchestrator.memory.Chunker;
import dev.strata.orchestrator.memory.Document;
import dev.strata.orchestrator.memory.VectorMemoryStore;
import dev.strata.orchestrator.model.GrpcChatModel;
import dev.strata.orchestrator.routing.RuleRouter;
import dev.strata.orchestrator.store.CheckpointStore;
import dev.strata.orchestrator.store.Database;
import dev.strata.orchestrator.store.JdbcCheckpointStore;
import dev.strata.orchestrator.tools.SandboxToolExecutor;
import dev.strata.orchestrator.workflow.WorkflowEngine;
import dev.strata.tools.builtin.CalculatorTool;
import dev.strata.tools.builtin.InProcessRunner;
import dev.strata.tools.invoke.ToolInvoker;
import dev.strata.tools.registry.ToolRegistry;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * {@code strata.agent.v1.AgentService} hosted beside a serving stack: the {@link AssistantAgent} on the served model
 * (through a loopback gRPC channel to InferenceService, the same path a remote orchestrator takes), the built-in
 * calculator through tool-sandbox, long-term memory in an HNSW index with MiniLM embeddings under
 * {@code dataDir/memory}, and run checkpoints in an embedded H2 file under {@code dataDir/runs}, so a run
 * interrupted by a restart is resumed from the same directory.
 *
 * <p>The service listens on its own gRPC port: the inference server's gRPC server takes no extra services yet.
 */
public final class AgentHosting implements AutoCloseable {
    private final ManagedChannel channel;
    private final ExecutorService stepExecutor;
    private final ExecutorService runExecutor;
    private final MiniLmEmbedder embedder;
    private final VectorMemoryStore memory;
    private final JdbcCheckpointStore store;
    private final Server server;

    private AgentHosting(ManagedChannel channel, ExecutorService stepExecutor, ExecutorService runExecutor,
                         MiniLmEmbedder embedder, VectorMemoryStore memory, JdbcCheckpointStore store, Server server) {
        this.channel = channel;
        this.stepExecutor = stepExecutor;
        this.runExecutor = runExecutor;
        this.embedder = embedder;
        this.memory = memory;
        this.store = store;
        this.server = server;
    }

    /**
     * @param bindHost   address the AgentService binds
     * @param port       its port (0 picks a free one)
     * @param modelHost  where InferenceService listens
     * @param modelPort  its gRPC port
     * @param modelId    model id on that server ("" for its default)
     * @param dataDir    memory and checkpoints
     * @param documents  documents to ingest into the memory (replacing earlier versions of the same id)
     */
    public static AgentHosting start(String bindHost, int port, String modelHost, int modelPort, String modelId,
                                     Path dataDir, List<Document> documents) {
        ManagedChannel channel = Grpc.newChannelBuilderForAddress(modelHost, modelPort, InsecureChannelCredentials.create()).build();
        ExecutorService steps = Executors.newVirtualThreadPerTaskExecutor();
        ExecutorService runs = Executors.newVirtualThreadPerTaskExecutor();
        MiniLmEmbedder embedder = null;
        VectorMemoryStore memory = null;
        JdbcCheckpointStore store = null;
        try {
            embedder = new MiniLmEmbedder();
            memory = VectorMemoryStore.open(dataDir.resolve("memory"), embedder, new Chunker(60, 10));
            for (Document d : documents) memory.ingest(d);
            store = new JdbcCheckpointStore(Database.h2File(dataDir.resolve("runs")));
            ToolRegistry registry = new ToolRegistry();
            InProcessRunner builtins = new InProcessRunner();
            registry.register(builtins.add(new CalculatorTool()), builtins);
            SandboxToolExecutor tools = new SandboxToolExecutor(new ToolInvoker(registry), Set.of());
            AgentDefinition assistant = AssistantAgent.definition(new GrpcChatModel(channel, modelId, 120_000, 0f), tools, memory);
            WorkflowEngine engine = new WorkflowEngine(store, steps, System::currentTimeMillis, new EventBus())
                .register(AgentWorkflow.build(assistant), assistant.defaultBudget());
            Server server = NettyServerBuilder.forAddress(new InetSocketAddress(bindHost, port))
                .addService(new AgentServiceImpl(engine, new RuleRouter(), AssistantAgent.NAME, runs))
                .build().start();
            return new AgentHosting(channel, steps, runs, embedder, memory, store, server);
        } catch (IOException | RuntimeException e) {
            if (store != null) store.close();
            if (memory != null) memory.close();
            if (embedder != null) embedder.close();
            steps.shutdownNow();
            runs.shutdownNow();
            channel.shutdownNow();
            if (e instanceof IOException io) {
                throw new UncheckedIOException("agents: could not bind " + bindHost + ":" + port + ": " + io.getMessage(), io);
            }
            throw (RuntimeException) e;
        }
    }

    /** The AgentService's port. */
    public int port() {
        return server.getPort();
    }

    /** The run checkpoints (for inspection; the service owns them). */
    public CheckpointStore checkpoints() {
        return store;
    }

    /** Stops taking runs, lets running ones reach a step boundary (up to 10 s), then closes stores and channel. */
    @Override
    public void close() {
        server.shutdown();
        try {
            server.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server.shutdownNow();
        stop(runExecutor);
        stop(stepExecutor);
        store.close();
        memory.close();
        embedder.close();
        channel.shutdownNow();
    }

    private static void stop(ExecutorService executor) {
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

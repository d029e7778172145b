package dev.strata.cli.commands;

import dev.strata.cli.config.StrataConfig;
import dev.strata.cli.serve.AgentHosting;
import dev.strata.cli.serve.AgentHostingOptions;
import dev.strata.cli.serve.ServingStack;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code strata serve}: gRPC and the OpenAI-compatible HTTP API for one model, until SIGTERM (which drains). */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = {"Start the gRPC (InferenceService, health, reflection) and OpenAI-compatible HTTP servers for a model.",
        "SIGTERM or Ctrl-C drains in-flight streams before exit."})
public final class ServeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption config;

    @Option(names = "--model", paramLabel = "ID|PATH", description = "Model id or path (default: models.default_model of the config).")
    String model;

    @Option(names = "--catalog", paramLabel = "FILE",
        description = "Model catalog (YAML) whose ids --model accepts (default: models.catalog of the config, "
            + "else models/catalog.yaml of the checkout).")
    java.nio.file.Path catalog;

    @Option(names = "--http-port", paramLabel = "N", description = "HTTP port (default: server.http_port; 0 picks a free port).")
    Integer httpPort;

    @Option(names = "--grpc-port", paramLabel = "N", description = "gRPC port (default: server.grpc_port; 0 picks a free port).")
    Integer grpcPort;

    @Option(names = "--host", paramLabel = "ADDR", description = "Address to bind (default: server.host).")
    String host;

    @Option(names = "--engine", paramLabel = "NAME", description = "djl or reference (default: engine.name of the config).")
    String engine;

    @Option(names = "--agents", description = "Also host AgentService (the assistant agent on this model, with the calculator,"
        + " memory and checkpoints under --agents-data) on its own gRPC port.")
    boolean agents;

    @Option(names = "--agents-port", paramLabel = "N", description = "AgentService gRPC port (default: 0, a free port).")
    int agentsPort;

    @Option(names = "--agents-data", paramLabel = "DIR", description = "Agents' memory and run checkpoints (default: ~/.cache/strata/agents).")
    Path agentsData;

    @Option(names = "--agents-docs", paramLabel = "DIR", description = "Ingest the .md and .txt files of DIR into the agents' memory at start.")
    Path agentsDocs;

    @Override
    public Integer call() throws InterruptedException {
        StrataConfig cfg = ModelLoading.withCatalog(config.load(), catalog);
        PrintWriter err = spec.commandLine().getErr();
        String bind = host != null ? host : cfg.server().host();
        ServingStack stack = ServingStack.start(cfg, model, engine, bind,
            httpPort != null ? httpPort : cfg.server().httpPort(), grpcPort != null ? grpcPort : cfg.server().grpcPort(), true,
            line -> {
                err.println("strata: " + line);
                err.flush();
            });
        PrintWriter out = spec.commandLine().getOut();
        int http = stack.server().httpPort();
        out.println("strata: serving " + stack.modelId() + " on the " + stack.engineName() + " engine");
        out.println("  OpenAI HTTP  http://" + bind + ":" + http + "/v1");
        out.println("  gRPC         " + bind + ":" + stack.server().grpcPort());
        out.println("  metrics      http://" + bind + ":" + http + "/metrics");
        AgentHosting hosted = null;
        if (agents) {
            try {
                hosted = AgentHostingOptions.start(bind, agentsPort, stack, agentsData, agentsDocs);
            } catch (RuntimeException e) {
                stack.close();
                throw e;
            }
            out.println("  agents       " + bind + ":" + hosted.port() + " (strata.agent.v1.AgentService)");
        }
        AgentHosting agentService = hosted;
        out.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            err.println("strata: draining in-flight requests…");
            err.flush();
            if (agentService != null) agentService.close();
            stack.close();
            err.println("strata: stopped");
            err.flush();
            stopped.countDown();
        }, "strata-drain"));
        stopped.await();
        return 0;
    }
}

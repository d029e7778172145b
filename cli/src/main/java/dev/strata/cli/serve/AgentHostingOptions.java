package dev.strata.cli.serve;

import dev.strata.cli.UserException;
import dev.strata.orchestrator.memory.Document;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code strata serve --agents}: where the hosted agents keep their data and which documents they start with. The
 * agents reach the model through the stack's own gRPC port on loopback.
 */
public final class AgentHostingOptions {
    private AgentHostingOptions() {
    }

    /**
     * @param dataDir memory and checkpoints; null for {@code ~/.cache/strata/agents}
     * @param docsDir a folder whose {@code .md} and {@code .txt} files are ingested (id = file name), or null
     */
    public static AgentHosting start(String bindHost, int port, ServingStack stack, Path dataDir, Path docsDir) {
        Path data = dataDir != null ? dataDir : Path.of(System.getProperty("user.home"), ".cache", "strata", "agents");
        try {
            Files.createDirectories(data);
        } catch (IOException e) {
            throw new UserException("--agents-data " + data + ": cannot create it: " + e.getMessage());
        }
        String modelHost = bindHost.equals("0.0.0.0") || bindHost.equals("::") ? "127.0.0.1" : bindHost;
        try {
            return AgentHosting.start(bindHost, port, modelHost, stack.server().grpcPort(), stack.modelId(), data,
                documents(docsDir));
        } catch (java.io.UncheckedIOException e) {
            throw new UserException("--agents-port " + port + ": " + e.getMessage());
        }
    }

    static List<Document> documents(Path docsDir) {
        if (docsDir == null) return List.of();
        if (!Files.isDirectory(docsDir)) throw new UserException("--agents-docs " + docsDir + ": not a directory");
        List<Document> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(docsDir)) {
            for (Path f : files.sorted().toList()) {
                String name = f.getFileName().toString();
                if (Files.isRegularFile(f) && (name.endsWith(".md") || name.endsWith(".txt"))) {
                    out.add(new Document(name.replaceAll("[^A-Za-z0-9._-]", "_"), name, Files.readString(f), Map.of()));
                }
            }
        } catch (IOException e) {
            throw new UserException("--agents-docs " + docsDir + ": " + e.getMessage());
        }
        return out;
    }
}

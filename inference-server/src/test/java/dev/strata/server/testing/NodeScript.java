package dev.strata.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs one of the Node.js client scripts in src/test/node and returns the JSON summary it prints last. */
public final class NodeScript {
    public static final Path DIR = Path.of("src/test/node").toAbsolutePath();

    private NodeScript() {
    }

    public static JsonNode run(String script, Map<String, String> env) throws IOException, InterruptedException {
        if (!Files.isDirectory(DIR.resolve("node_modules"))) {
            throw new IllegalStateException("npm packages missing in " + DIR + ": run ./strata test (it runs npm ci there)");
        }
        ProcessBuilder pb = new ProcessBuilder("node", script).directory(DIR.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(script + " timed out");
        }
        String text = new String(out, StandardCharsets.UTF_8).strip();
        if (p.exitValue() != 0) throw new IllegalStateException(script + " exited " + p.exitValue() + ":\n" + text);
        String last = text.substring(text.lastIndexOf('\n') + 1);
        return new ObjectMapper().readTree(last);
    }
}

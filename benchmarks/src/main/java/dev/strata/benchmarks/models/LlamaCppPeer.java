package dev.strata.benchmarks.models;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * llama.cpp as the peer of {@code strata bench models}: its prebuilt CPU build through the node-llama-cpp npm
 * package (pinned in {@code benchmarks/node/llama-cpp}), run on the GGUF file our writer exported from the same
 * weights. Installs the package with {@code npm ci} when it is absent.
 */
public final class LlamaCppPeer {
    private static final Pattern DECODE = Pattern.compile("\"decodeTokensPerSecond\":([0-9.eE+-]+)");
    private static final Pattern PREFILL = Pattern.compile("\"prefillTokensPerSecond\":([0-9.eE+-]+)");

    /** Decode (batch 1) and prefill tokens per second. */
    public record Figures(double decodeTokensPerSecond, double prefillTokensPerSecond) {
    }

    private final Path folder;

    /** @param folder benchmarks/node/llama-cpp (package.json, package-lock.json, bench.mjs) */
    public LlamaCppPeer(Path folder) {
        this.folder = folder;
    }

    /** Installs node-llama-cpp from the lockfile if node_modules is missing. */
    public void ensureInstalled() throws IOException, InterruptedException {
        if (Files.isDirectory(folder.resolve("node_modules/node-llama-cpp"))) return;
        run(List.of("npm", "ci", "--no-audit", "--no-fund"), 600);
    }

    /** The best decode and the best prefill figure of {@code runs} runs. */
    public Figures measure(Path gguf, int decodeTokens, int prefillTokens, int threads, int runs) throws IOException, InterruptedException {
        double decode = 0, prefill = 0;
        for (int i = 0; i < runs; i++) {
            Figures f = measure(gguf, decodeTokens, prefillTokens, threads);
            decode = Math.max(decode, f.decodeTokensPerSecond());
            prefill = Math.max(prefill, f.prefillTokensPerSecond());
        }
        return new Figures(decode, prefill);
    }

    public Figures measure(Path gguf, int decodeTokens, int prefillTokens, int threads) throws IOException, InterruptedException {
        String out = run(List.of("node", "bench.mjs", gguf.toAbsolutePath().toString(), Integer.toString(decodeTokens),
            Integer.toString(prefillTokens), Integer.toString(threads)), 600);
        Matcher d = DECODE.matcher(out), p = PREFILL.matcher(out);
        if (!d.find() || !p.find()) throw new IOException("node-llama-cpp printed no figures: " + out);
        return new Figures(Double.parseDouble(d.group(1)), Double.parseDouble(p.group(1)));
    }

    private String run(List<String> command, int timeoutSeconds) throws IOException, InterruptedException {
        Process proc = new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true).start();
        byte[] out = proc.getInputStream().readAllBytes();
        if (!proc.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            proc.destroyForcibly();
            throw new IOException(String.join(" ", command) + " did not finish in " + timeoutSeconds + " s");
        }
        String text = new String(out, StandardCharsets.UTF_8);
        if (proc.exitValue() != 0) throw new IOException(String.join(" ", command) + " failed (" + proc.exitValue() + "): " + text);
        return text;
    }
}

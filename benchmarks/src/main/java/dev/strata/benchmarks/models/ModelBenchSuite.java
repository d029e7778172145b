package dev.strata.benchmarks.models;

import dev.strata.batching.engine.ModelRunner;
import dev.strata.models.arch.LlamaConfig;
import dev.strata.models.arch.LlamaModel;
import dev.strata.models.djl.DjlModelRunner;
import dev.strata.models.engine.Precision;
import dev.strata.models.format.gguf.GgufWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.strata.models.random.ModelShapes;
import dev.strata.models.random.RandomModel;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * {@code strata bench models}: decode tokens/s at batch 1, 8 and 32 and prefill tokens/s of a 512-token prompt
 * (or the context, if shorter) on DJL, for the default model and a random-init SmolLM2-135M in fp32, fp16 and bf16,
 * with the roofline of each (measured copy bandwidth ÷ weight bytes per token) and the batch-1 share of it.
 * When a peer is given, llama.cpp (through node-llama-cpp) runs on the same weights, exported to GGUF by
 * {@link GgufWriter} in the same precision as the rows it stands beside, at batch 1 and for the prefill.
 */
public final class ModelBenchSuite {
    /** How long to run; every figure, ours and the peer's, is the best of {@code runs}. */
    public record Settings(int[] batches, int decodeSteps, int warmupSteps, int prefillTokens, boolean includeSmolLm, int runs) {
        public static final Settings DEFAULT = new Settings(new int[] {1, 8, 32}, 24, 8, 512, true, 3);
        public static final Settings QUICK = new Settings(new int[] {1, 8}, 16, 8, 128, false, 1);
    }

    private ModelBenchSuite() {
    }

    public static List<ModelBenchResult> run(Supplier<LlamaModel> defaultModel, String defaultLabel, Settings s, PrintWriter log) {
        return run(defaultModel, defaultLabel, s, log, null, 1);
    }

    /** @param peer llama.cpp, or null to leave it out; {@code threads} for its CPU kernels */
    public static List<ModelBenchResult> run(Supplier<LlamaModel> defaultModel, String defaultLabel, Settings s, PrintWriter log,
                                             LlamaCppPeer peer, int threads) {
        double bandwidth = MemoryBandwidth.bytesPerSecond(256L << 20, 5);
        log.printf(Locale.ROOT, "memory copy bandwidth: %.1f GB/s%n", bandwidth / 1e9);
        log.flush();
        List<ModelBenchResult> out = new ArrayList<>();
        try (LlamaModel m = defaultModel.get()) {
            out.addAll(measure(defaultLabel, m, Precision.FP32, s, bandwidth, log));
            out.addAll(peer(peer, defaultLabel, m, Precision.FP32, s, threads, log));
        }
        if (s.includeSmolLm()) {
            LlamaConfig c = ModelShapes.of("smollm2-135m", "llama");
            try (LlamaModel m = RandomModel.create(c, 0)) {
                for (Precision p : Precision.values()) {
                    out.addAll(measure("smollm2-135m (random)", m, p, s, bandwidth, log));
                    out.addAll(peer(peer, "smollm2-135m (random)", m, p, s, threads, log));
                }
            }
        }
        return out;
    }

    static List<ModelBenchResult> measure(String label, LlamaModel m, Precision p, Settings s, double bandwidth, PrintWriter log) {
        int maxBatch = 0;
        for (int b : s.batches()) maxBatch = Math.max(maxBatch, b);
        int prompt = 16;
        int bs = 16;
        int perSeq = (prompt + s.warmupSteps() + s.decodeSteps() + bs - 1) / bs;
        int prefill = Math.min(s.prefillTokens(), m.config().maxSeqLen() - 1);
        int blocks = Math.max(perSeq * maxBatch, (prefill + bs - 1) / bs);
        List<ModelBenchResult> rows = new ArrayList<>();
        String engine = "djl " + p.label();
        try (DjlModelRunner r = DjlModelRunner.load(label, m, "cpu", p, bs, blocks)) {
            double roof = bandwidth / r.weightBytesPerToken();
            RunnerBench.decode(r, 1, prompt, s.warmupSteps(), s.decodeSteps()); // warm-up: JIT and first-use costs out of the figures
            for (int b : s.batches()) {
                double tps = RunnerBench.decode(r, b, prompt, s.warmupSteps(), s.decodeSteps(), s.runs());
                rows.add(log(log, new ModelBenchResult(label, engine, "decode", b, tps, roof)));
            }
            rows.add(log(log, new ModelBenchResult(label, engine, "prefill " + prefill, 1, RunnerBench.prefill(r, prefill, s.runs()), roof)));
        }
        return rows;
    }

    private static List<ModelBenchResult> peer(LlamaCppPeer peer, String label, LlamaModel m, Precision p, Settings s,
                                               int threads, PrintWriter log) {
        if (peer == null) return List.of();
        Path dir = null;
        try {
            peer.ensureInstalled();
            dir = Files.createTempDirectory("strata-bench-gguf");
            Path gguf = dir.resolve("model.gguf");
            Path vocab = dir.resolve("tokenizer.bin"); // llama.cpp needs a vocabulary; the bench feeds ids, any of the right size does
            dev.strata.models.random.SyntheticTokenizerFile.write(vocab, m.config().vocabSize());
            GgufWriter.write(m, gguf, p, vocab);
            int prefill = Math.min(s.prefillTokens(), m.config().maxSeqLen() - 1);
            var f = peer.measure(gguf, Math.min(64, m.config().maxSeqLen() - 2), prefill, threads, s.runs());
            String engine = "llama.cpp " + p.label();
            return List.of(log(log, new ModelBenchResult(label, engine, "decode", 1, f.decodeTokensPerSecond(), 0)),
                log(log, new ModelBenchResult(label, engine, "prefill " + prefill, 1, f.prefillTokensPerSecond(), 0)));
        } catch (IOException | RuntimeException e) {
            log.println("  llama.cpp peer skipped for " + label + ": " + e.getMessage());
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        } finally {
            if (dir != null) {
                try (var files = Files.list(dir)) {
                    for (Path f : files.toList()) Files.deleteIfExists(f);
                    Files.deleteIfExists(dir);
                } catch (IOException ignored) {
                    // a temporary folder left behind is harmless
                }
            }
        }
    }

    private static ModelBenchResult log(PrintWriter log, ModelBenchResult r) {
        log.printf(Locale.ROOT, "  %s %s %s batch %d: %.1f tok/s%n", r.model(), r.engine(), r.phase(), r.batch(), r.tokensPerSecond());
        log.flush();
        return r;
    }

    /** The result table, with the batch-1 share of the roofline and each batch's speed-up over batch 1. */
    public static String table(List<ModelBenchResult> rows) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%-24s %-14s %-12s %5s %12s %12s %9s %9s %12s%n", "model", "engine", "phase", "batch",
            "tok/s", "roofline", "%roof", "x batch1", "x llama.cpp"));
        for (ModelBenchResult r : rows) {
            double b1 = rows.stream().filter(o -> o.model().equals(r.model()) && o.engine().equals(r.engine())
                && o.phase().equals("decode") && o.batch() == 1).mapToDouble(ModelBenchResult::tokensPerSecond).findFirst().orElse(0);
            boolean decode = r.phase().equals("decode");
            String precision = r.engine().substring(r.engine().lastIndexOf(' ') + 1);
            double peerB1 = rows.stream().filter(o -> o.model().equals(r.model()) && o.engine().equals("llama.cpp " + precision)
                && o.phase().equals(r.phase()) && o.batch() == 1).mapToDouble(ModelBenchResult::tokensPerSecond).findFirst().orElse(0);
            sb.append(String.format(Locale.ROOT, "%-24s %-14s %-12s %5d %12.1f %12.1f %9s %9s %12s%n", r.model(), r.engine(), r.phase(),
                r.batch(), r.tokensPerSecond(), r.rooflineTokensPerSecond(),
                decode && r.batch() == 1 && r.rooflineTokensPerSecond() > 0 ? String.format(Locale.ROOT, "%.1f%%", 100 * r.tokensPerSecond() / r.rooflineTokensPerSecond()) : "",
                decode && b1 > 0 ? String.format(Locale.ROOT, "%.2f", r.tokensPerSecond() / b1) : "",
                peerB1 > 0 && !r.engine().startsWith("llama.cpp") ? String.format(Locale.ROOT, "%.2f", r.tokensPerSecond() / peerB1) : ""));
        }
        return sb.toString();
    }
}

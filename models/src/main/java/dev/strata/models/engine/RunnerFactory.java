package dev.strata.models.engine;

import dev.strata.batching.engine.ModelRunner;
import dev.strata.models.arch.LlamaConfig;
import dev.strata.models.arch.LlamaModel;
import dev.strata.models.djl.DjlModelRunner;
import dev.strata.models.reference.ReferenceModelRunner;
import dev.strata.tokenizer.Tokenizer;
import dev.strata.tokenizer.TokenizerLoader;
import java.util.Arrays;
import java.util.Locale;

/**
 * The one place that turns model files and run options into a serving-ready {@link LoadedModel}: the server and
 * the CLI call {@link #open} and never see a format or an engine class.
 */
public final class RunnerFactory {
    private RunnerFactory() {
    }

    /**
     * Loads the tokenizer and the checkpoint and starts the chosen engine.
     *
     * @throws IllegalArgumentException for options the engine cannot honour (bf16 on DJL, a missing GPU) or a
     *     tokenizer that does not fit the model; {@link dev.strata.models.format.ModelFormatException} for a bad file
     */
    public static LoadedModel open(ModelSource source, RunnerOptions options) {
        Tokenizer tokenizer = loadTokenizer(source);
        LlamaModel model = ModelLoader.load(source);
        try {
            LlamaConfig c = model.config();
            if (tokenizer.vocabSize() > c.vocabSize()) {
                throw new IllegalArgumentException(source.tokenizer() + ": the tokenizer has " + tokenizer.vocabSize()
                    + " tokens but " + source.checkpoint() + " has a vocabulary of " + c.vocabSize());
            }
            int context = source.contextLength() > 0 ? Math.min(source.contextLength(), c.maxSeqLen()) : c.maxSeqLen();
            int blocks = options.blocksFor(context);
            ModelRunner runner = switch (options.engine()) {
                case REFERENCE -> {
                    if (options.precision() != Precision.FP32) {
                        throw new IllegalArgumentException("the reference engine runs fp32 only, not " + options.precision().label());
                    }
                    if (!options.device().equals("cpu")) {
                        throw new IllegalArgumentException("the reference engine runs on the cpu only, not " + options.device());
                    }
                    yield new ReferenceModelRunner(source.id(), model, context, options.blockSize(), blocks, true);
                }
                case DJL -> {
                    try (model) {
                        yield DjlModelRunner.load(source.id(), model, context, options.device(), options.precision(),
                            options.blockSize(), blocks);
                    }
                }
            };
            String description = String.format(Locale.ROOT, "%s, %,d params, %s on %s, %s", model.format(),
                c.parameterCount(), options.engine().label(), options.device(), options.precision().label());
            return new LoadedModel(source.id(), tokenizer, runner, source.chatTemplate(), context,
                stopIds(source, tokenizer), description, c.parameterCount());
        } catch (RuntimeException | Error e) {
            model.close();
            throw e;
        }
    }

    private static Tokenizer loadTokenizer(ModelSource s) {
        if (s.tokenizer() == null) {
            java.nio.file.Path dir = java.nio.file.Files.isDirectory(s.checkpoint()) ? s.checkpoint()
                : s.checkpoint().toAbsolutePath().getParent();
            for (String name : new String[] {"tokenizer.bin", "tokenizer.json"}) {
                java.nio.file.Path f = dir.resolve(name);
                if (java.nio.file.Files.isRegularFile(f)) return TokenizerLoader.load(f);
            }
        }
        if (s.tokenizer() == null) {
            throw new IllegalArgumentException(s.checkpoint() + ": no tokenizer found for model '" + s.id() + "'");
        }
        return TokenizerLoader.load(s.tokenizer());
    }

    private static int[] stopIds(ModelSource s, Tokenizer t) {
        int[] ids = new int[0];
        if (t.eosTokenId().isPresent()) ids = append(ids, t.eosTokenId().getAsInt());
        // llama2.c's TinyStories models end a story by starting the next one with BOS
        if (s.format().equals("llama2c") && t.bosTokenId().isPresent()) ids = append(ids, t.bosTokenId().getAsInt());
        return ids;
    }

    private static int[] append(int[] a, int v) {
        for (int x : a) if (x == v) return a;
        int[] out = Arrays.copyOf(a, a.length + 1);
        out[a.length] = v;
        return out;
    }
}

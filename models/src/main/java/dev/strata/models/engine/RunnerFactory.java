package dev.strata.models.engine;

import dev.strata.batching.engine.ModelRunner;
import dev.strata.models.arch.LlamaConfig;
import dev.strata.models.arch.LlamaModel;
import dev.strata.models.djl.DjlModelRunner;
import dev.strata.models.reference.ReferenceModelRunner;
import dev.strata.tokenizer.Tokenizer;
import dev.strata.tokenizer.TokenizerLoader;
import dev.strata.models.format.ModelFormatException;
import dev.strata.tokenizer.gguf.GgufFormatException;
import dev.strata.tokenizer.gguf.GgufMetadata;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * The one place that turns model files and run options into a serving-ready {@link LoadedModel}: the server and
 * the CLI call {@link #open} and never see a format or an engine class.
 */
public final class RunnerFactory {
    private static final String VOCAB_KEY = "tokenizer.ggml.tokens";

    private RunnerFactory() {
    }

    /**
     * Loads the tokenizer and the checkpoint and starts the chosen engine.
     *
     * @throws IllegalArgumentException for options the engine cannot honour (half precision on the reference engine, a missing GPU) or a
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

    /**
     * The tokenizer a model is served with: the one the source names; else, for a GGUF that embeds a vocabulary
     * ({@code tokenizer.ggml.*}), that vocabulary, read by the tokenizer module from the same file (as llama.cpp
     * does, so a .gguf needs nothing beside it); else a tokenizer.bin or tokenizer.json beside the checkpoint.
     */
    static Tokenizer loadTokenizer(ModelSource s) {
        if (s.tokenizer() != null) return TokenizerLoader.load(s.tokenizer());
        if (s.format().equals("gguf") && embedsVocabulary(s.checkpoint())) return TokenizerLoader.load(s.checkpoint());
        Path dir = Files.isDirectory(s.checkpoint()) ? s.checkpoint() : s.checkpoint().toAbsolutePath().getParent();
        for (String name : new String[] {"tokenizer.bin", "tokenizer.json"}) {
            Path f = dir.resolve(name);
            if (Files.isRegularFile(f)) return TokenizerLoader.load(f);
        }
        throw new IllegalArgumentException(s.checkpoint() + ": no tokenizer found for model '" + s.id() + "' ("
            + (s.format().equals("gguf") ? "the GGUF has no tokenizer.ggml.tokens and " : "")
            + "no tokenizer.bin or tokenizer.json beside it); pass one with --tokenizer FILE or the catalog's tokenizer key");
    }

    private static boolean embedsVocabulary(Path gguf) {
        return ggufMetadata(gguf).has(VOCAB_KEY);
    }

    private static GgufMetadata ggufMetadata(Path gguf) {
        try {
            return GgufMetadata.read(gguf);
        } catch (GgufFormatException e) {
            throw wrap(gguf, e);
        }
    }

    private static ModelFormatException wrap(Path gguf, GgufFormatException e) {
        String m = e.getMessage();
        return new ModelFormatException(gguf, m.startsWith(gguf + " ") || m.startsWith(gguf + ":")
            ? m.substring(gguf.toString().length()).replaceFirst("^:? ", "") : m);
    }

    /**
     * Ids that end a generation: the tokenizer's EOS; for llama2.c models also BOS (a TinyStories model ends a story
     * by starting the next one); for GGUF files also the end-of-turn and end-of-message ids llama.cpp stops at
     * ({@code tokenizer.ggml.eot_token_id}, {@code eom_token_id}), which our writer sets to BOS for llama2.c exports.
     */
    private static int[] stopIds(ModelSource s, Tokenizer t) {
        int[] ids = new int[0];
        if (t.eosTokenId().isPresent()) ids = append(ids, t.eosTokenId().getAsInt());
        if (s.format().equals("llama2c") && t.bosTokenId().isPresent()) ids = append(ids, t.bosTokenId().getAsInt());
        if (s.format().equals("gguf") && !Files.isDirectory(s.checkpoint())) {
            GgufMetadata m = ggufMetadata(s.checkpoint());
            for (String key : new String[] {"tokenizer.ggml.eot_token_id", "tokenizer.ggml.eom_token_id"}) {
                if (!m.has(key)) continue;
                int id;
                try {
                    id = m.getInt(key);
                } catch (GgufFormatException e) {
                    throw wrap(s.checkpoint(), e);
                }
                if (id >= 0 && id < t.vocabSize()) ids = append(ids, id);
            }
        }
        return ids;
    }

    private static int[] append(int[] a, int v) {
        for (int x : a) if (x == v) return a;
        int[] out = Arrays.copyOf(a, a.length + 1);
        out[a.length] = v;
        return out;
    }
}

package dev.strata.cli.commands;

import dev.strata.cli.UserException;
import dev.strata.models.reference.GreedyDecoder;
import dev.strata.models.reference.ReferenceTransformer;
import dev.strata.tokenizer.Tokenizer;
import java.util.Arrays;
import java.util.Locale;

/** Greedy generation for the CLI: encodes the prompt, decodes on the chosen engine, returns the continuation. */
final class TextGeneration {
    private TextGeneration() {
    }

    /** The continuation of a prompt and the figures that go with it. */
    record Output(String prompt, String continuation, GreedyDecoder.Result result) {
        String timingLine(LoadedLlm llm, String engine) {
            var r = result;
            return String.format(Locale.ROOT,
                "%s (%s, %,d params) on %s: load %.0f ms; prompt %d tokens in %.1f ms (%.0f tok/s); "
                    + "generated %d tokens, decode %.0f tok/s",
                llm.files().id(), llm.files().format(), llm.model().config().parameterCount(), engine,
                llm.loadNanos() / 1e6, r.promptTokens().length, r.promptNanos() / 1e6, r.prefillTokensPerSecond(),
                r.generatedTokens().length, r.decodeTokensPerSecond());
        }
    }

    static Output greedy(LoadedLlm llm, String engine, String prompt, int maxTokens) {
        if (!engine.equals("reference")) {
            throw new UserException("engine '" + engine + "' is not available in this build yet; use --engine reference");
        }
        if (maxTokens < 1) throw new UserException("--max-tokens must be at least 1, got " + maxTokens);
        Tokenizer tok = llm.tokenizer();
        int[] promptIds = tok.encode(prompt, true);
        int context = llm.model().config().maxSeqLen();
        if (promptIds.length >= context) {
            throw new UserException("the prompt is " + promptIds.length + " tokens; the model's context holds " + context);
        }
        int eos = tok.eosTokenId().orElse(-1), bos = tok.bosTokenId().orElse(-1);
        var decoder = new GreedyDecoder(new ReferenceTransformer(llm.model()));
        // llama2.c ends a story when the model emits BOS (the start of the next one) or EOS.
        var result = decoder.generate(promptIds, maxTokens, t -> t == eos || t == bos, null);
        String promptText = tok.decode(promptIds, true);
        int[] all = Arrays.copyOf(promptIds, promptIds.length + result.generatedTokens().length);
        System.arraycopy(result.generatedTokens(), 0, all, promptIds.length, result.generatedTokens().length);
        String full = tok.decode(all, true);
        String continuation = full.startsWith(promptText) ? full.substring(promptText.length())
            : tok.decode(result.generatedTokens(), true);
        return new Output(promptText, continuation, result);
    }
}

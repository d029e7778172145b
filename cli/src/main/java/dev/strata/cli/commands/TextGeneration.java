package dev.strata.cli.commands;

import dev.strata.cli.UserException;
import dev.strata.models.engine.GreedyGeneration;
import dev.strata.models.reference.GreedyDecoder;
import dev.strata.tokenizer.Tokenizer;
import java.util.Arrays;
import java.util.Locale;

/** Greedy generation for the CLI: encodes the prompt, decodes on the loaded engine, returns the continuation. */
final class TextGeneration {
    private TextGeneration() {
    }

    /** The continuation of a prompt and the figures that go with it. */
    record Output(String prompt, String continuation, GreedyDecoder.Result result) {
        /** Kept for callers that still pass the engine's name; the model's description already names it. */
        String timingLine(LoadedLlm llm, String engine) {
            return timingLine(llm);
        }

        String timingLine(LoadedLlm llm) {
            var r = result;
            return String.format(Locale.ROOT,
                "%s (%s): load %.0f ms; prompt %d tokens in %.1f ms (%.0f tok/s); generated %d tokens, decode %.0f tok/s",
                llm.files().id(), llm.model().description(), llm.loadNanos() / 1e6, r.promptTokens().length,
                r.promptNanos() / 1e6, r.prefillTokensPerSecond(), r.generatedTokens().length, r.decodeTokensPerSecond());
        }
    }

    /** Kept for callers that still pass an engine name: the engine is the one {@code llm} was opened on. */
    static Output greedy(LoadedLlm llm, String engine, String prompt, int maxTokens) {
        return greedy(llm, prompt, maxTokens);
    }

    static Output greedy(LoadedLlm llm, String prompt, int maxTokens) {
        if (maxTokens < 1) throw new UserException("--max-tokens must be at least 1, got " + maxTokens);
        Tokenizer tok = llm.tokenizer();
        int[] promptIds = tok.encode(prompt, true);
        var generation = new GreedyGeneration(llm.model().runner());
        if (promptIds.length >= generation.capacity()) {
            throw new UserException("the prompt is " + promptIds.length + " tokens; the model's context holds " + generation.capacity());
        }
        var result = generation.generate(promptIds, maxTokens, llm.model()::isStop);
        String promptText = tok.decode(promptIds, true);
        int[] all = Arrays.copyOf(promptIds, promptIds.length + result.generatedTokens().length);
        System.arraycopy(result.generatedTokens(), 0, all, promptIds.length, result.generatedTokens().length);
        String full = tok.decode(all, true);
        String continuation = full.startsWith(promptText) ? full.substring(promptText.length())
            : tok.decode(result.generatedTokens(), true);
        return new Output(promptText, continuation, result);
    }
}

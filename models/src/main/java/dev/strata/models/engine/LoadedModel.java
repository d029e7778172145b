package dev.strata.models.engine;

import dev.strata.batching.engine.ModelRunner;
import dev.strata.tokenizer.Tokenizer;
import java.util.Arrays;

/**
 * A model ready to serve: what the inference server and the CLI need, and nothing about how it runs.
 * Closing it releases the runner (weights and KV pool).
 *
 * @param id             the model's id
 * @param tokenizer      its tokenizer
 * @param runner         the engine, behind the batching seam
 * @param chatTemplate   Jinja chat template from the model's files or catalog, or null when it has none
 * @param contextLength  largest sequence (prompt + generated) the runner accepts
 * @param eosIds         ids that end a generation (the tokenizer's EOS; for llama2.c models also BOS, which
 *                       starts the next story)
 * @param description    format, engine, device, precision and size, for logs and the CLI's timing line
 * @param parameterCount number of weights
 */
public record LoadedModel(String id, Tokenizer tokenizer, ModelRunner runner, String chatTemplate, int contextLength,
                          int[] eosIds, String description, long parameterCount) implements AutoCloseable {

    public LoadedModel {
        eosIds = eosIds.clone();
    }

    @Override
    public int[] eosIds() {
        return eosIds.clone();
    }

    /** Whether a generated id ends the generation. */
    public boolean isStop(int id) {
        for (int e : eosIds) if (e == id) return true;
        return false;
    }

    @Override
    public void close() {
        runner.close();
    }

    @Override
    public String toString() {
        return "LoadedModel[" + id + ", " + description + ", context " + contextLength + ", eos " + Arrays.toString(eosIds) + "]";
    }
}

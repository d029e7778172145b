package dev.strata.batching.scheduler;

import dev.strata.batching.constraint.TokenConstraint;
import dev.strata.batching.kv.BlockTable;
import dev.strata.batching.output.ChoiceText;
import dev.strata.batching.sampling.SequenceRandom;
import dev.strata.batching.sampling.TokenHistory;
import java.util.Arrays;

/**
 * One choice of a request: its tokens (prompt then output), how many of them are in the KV cache, its block
 * table, random stream, text stream and constraint state. A sequence whose {@code computed < length} has work:
 * a prefill chunk, a recompute after preemption, or (one token left) a decode.
 */
final class Sequence {
    final long id;
    final RequestState request;
    final int choice;
    final int promptLength;
    int[] tokens;
    int length;
    int computed;
    final BlockTable table;
    final SequenceRandom random;
    final ChoiceText text;
    final TokenConstraint constraint;
    int generated;
    long lastTokenNanos;
    boolean finished;

    Sequence(long id, RequestState request, int choice, int[] tokens, int length, BlockTable table,
             SequenceRandom random, ChoiceText text, TokenConstraint constraint) {
        this.id = id;
        this.request = request;
        this.choice = choice;
        this.promptLength = request.request.promptTokens().length;
        this.tokens = tokens;
        this.length = length;
        this.table = table;
        this.random = random;
        this.text = text;
        this.constraint = constraint;
    }

    int pending() {
        return length - computed;
    }

    void append(int token) {
        if (length == tokens.length) tokens = Arrays.copyOf(tokens, Math.max(16, tokens.length * 2));
        tokens[length++] = token;
        generated++;
    }

    TokenHistory history() {
        return new TokenHistory(tokens, promptLength, length);
    }
}

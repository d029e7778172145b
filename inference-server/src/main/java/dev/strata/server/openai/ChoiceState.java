package dev.strata.server.openai;

import dev.strata.batching.api.FinishReason;
import dev.strata.batching.api.TokenLogprob;
import java.util.ArrayList;
import java.util.List;

/** What one choice produced so far. */
final class ChoiceState {
    final StringBuilder text = new StringBuilder();
    final List<Integer> tokenIds = new ArrayList<>();
    final List<TokenLogprob> logprobs = new ArrayList<>();
    FinishReason finish;
    boolean headerSent;
}

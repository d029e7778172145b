package dev.strata.batching.output;

import dev.strata.tokenizer.Tokenizer;
import dev.strata.tokenizer.stream.StreamingDecoder;
import java.util.List;

/**
 * The streamed text of one choice: ids in, final text out, with the tokenizer's {@link StreamingDecoder} and a
 * {@link StopStringFilter}. The concatenation of everything returned equals the decoded output cut before the
 * first stop string.
 */
public final class ChoiceText {
    private final StreamingDecoder decoder;
    private final StopStringFilter stops;

    public ChoiceText(Tokenizer tokenizer, List<String> stopStrings) {
        this.decoder = tokenizer.streamingDecoder();
        this.stops = new StopStringFilter(stopStrings);
    }

    /** Adds a generated id; returns the text that became final. */
    public String next(int tokenId) {
        return stops.offer(decoder.next(tokenId));
    }

    /** Whether a stop string has been produced (the choice should finish with STOP). */
    public boolean stopped() {
        return stops.stopped();
    }

    /** The choice ends for another reason: releases held-back text and any incomplete character. */
    public String finish() {
        String tail = stops.offer(decoder.flush());
        return tail + stops.finish();
    }
}

package dev.strata.server.http;

import dev.strata.batching.api.FinishReason;
import dev.strata.batching.api.GenerationDelta;
import dev.strata.batching.api.GenerationListener;
import dev.strata.batching.api.Usage;

/** Notes when the first token of a request arrived, for the request log. */
final class FirstTokenClock {
    private final long start;
    private volatile long firstToken;

    FirstTokenClock(long startNanos) {
        this.start = startNanos;
    }

    double ttftMs() {
        long t = firstToken;
        return t == 0 ? -1 : (t - start) / 1e6;
    }

    GenerationListener wrap(GenerationListener inner) {
        return new GenerationListener() {
            @Override
            public void onDelta(GenerationDelta delta) {
                if (firstToken == 0) firstToken = System.nanoTime();
                inner.onDelta(delta);
            }

            @Override
            public void onChoiceFinished(int choiceIndex, FinishReason reason) {
                inner.onChoiceFinished(choiceIndex, reason);
            }

            @Override
            public void onComplete(Usage usage) {
                inner.onComplete(usage);
            }

            @Override
            public void onError(Throwable error) {
                inner.onError(error);
            }
        };
    }
}

package dev.strata.batching.scheduler;

import dev.strata.batching.api.GenerationHandle;
import dev.strata.batching.api.GenerationListener;
import dev.strata.batching.api.GenerationRequest;
import dev.strata.batching.constraint.TokenConstraint;
import java.util.ArrayList;
import java.util.List;

/**
 * A request inside the engine: its live sequences (one until the prompt is done, then {@code n}), timings for
 * the metrics, and the cancellation flag its handle sets from any thread.
 */
final class RequestState implements GenerationHandle {
    final GenerationRequest request;
    final GenerationListener listener;
    final long arrivalNanos;
    final long arrivalOrder;
    final long seed;
    final TokenConstraint constraint;
    final List<Sequence> live = new ArrayList<>();
    private final Runnable wakeUp;
    volatile boolean cancelled;
    volatile boolean done;
    boolean started;
    boolean forked;
    boolean everScheduled;
    long firstScheduledNanos;
    long firstTokenNanos;
    int cachedPromptTokens;
    int completionTokens;
    int choicesFinished;

    RequestState(GenerationRequest request, GenerationListener listener, long arrivalNanos, long arrivalOrder,
                 long seed, TokenConstraint constraint, Runnable wakeUp) {
        this.request = request;
        this.listener = listener;
        this.arrivalNanos = arrivalNanos;
        this.arrivalOrder = arrivalOrder;
        this.seed = seed;
        this.constraint = constraint;
        this.wakeUp = wakeUp;
    }

    int n() {
        return request.sampling().n();
    }

    /** Sequences this request will occupy in the running batch. */
    int width() {
        return forked ? live.size() : n();
    }

    @Override
    public void cancel() {
        if (!done && !cancelled) {
            cancelled = true;
            wakeUp.run();
        }
    }

    @Override
    public boolean isDone() {
        return done;
    }

    @Override
    public String toString() {
        return "request " + request.requestId();
    }
}

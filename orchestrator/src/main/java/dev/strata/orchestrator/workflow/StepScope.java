package dev.strata.orchestrator.workflow;

import dev.strata.orchestrator.store.CheckpointStore;
import dev.strata.proto.agent.v1.RunEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * What all contexts of one step (the node's and its parallel branches') share: the run's checkpoint as read, the
 * event sequence, the events bound for the outbox, and the usage the step adds. Thread-safe.
 */
final class StepScope {
    final RunRecord run;
    final int step;
    final CheckpointStore store;
    final ExecutorService executor;
    final LongSupplier clockMs;
    final Consumer<RunEvent> live;
    final java.util.function.BooleanSupplier cancelled;
    private final AtomicLong seq;
    private final List<RunEvent> outbox = new ArrayList<>();
    private Usage usage;
    /** Effects recorded for this run, read once per execution: only one process executes a run at a time. */
    final java.util.Map<String, String> effects;

    StepScope(RunRecord run, int step, CheckpointStore store, ExecutorService executor, LongSupplier clockMs,
              Consumer<RunEvent> live, java.util.function.BooleanSupplier cancelled,
              java.util.Map<String, String> effects) {
        this.effects = effects;
        this.run = run;
        this.step = step;
        this.store = store;
        this.executor = executor;
        this.clockMs = clockMs;
        this.live = live;
        this.cancelled = cancelled;
        this.seq = new AtomicLong(run.eventSeq());
        this.usage = run.usage();
    }

    /** Numbers, records (for the outbox unless {@code liveOnly}) and delivers an event. */
    RunEvent emit(RunEvent.Builder b, boolean liveOnly) {
        RunEvent e;
        synchronized (this) {
            e = b.setRunId(run.runId()).setSequence(seq.incrementAndGet()).setTimestampMs(clockMs.getAsLong())
                .setStep(step).build();
            if (!liveOnly) {
                outbox.add(e);
            }
            // delivered under the lock: parallel branches must not reorder a stream's sequence numbers
            live.accept(e);
        }
        return e;
    }

    synchronized List<RunEvent> outbox() {
        return List.copyOf(outbox);
    }

    long lastSeq() {
        return seq.get();
    }

    synchronized Usage usage() {
        return usage;
    }

    synchronized void addModelCall(int prompt, int completion) {
        usage = usage.plusModelCall(prompt, completion);
    }

    synchronized void addToolCalls(int n) {
        usage = usage.plusToolCalls(n);
    }
}

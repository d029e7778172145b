package dev.strata.batching.scheduler;

import dev.strata.batching.api.EngineOverloadedException;
import dev.strata.batching.api.EngineStats;
import dev.strata.batching.api.GenerationHandle;
import dev.strata.batching.api.GenerationListener;
import dev.strata.batching.api.GenerationRequest;
import dev.strata.batching.api.LlmEngine;
import dev.strata.batching.constraint.ConstraintCompiler;
import dev.strata.batching.constraint.TokenConstraint;
import dev.strata.batching.engine.ModelRunner;
import dev.strata.batching.engine.RunnerInfo;
import dev.strata.observability.metrics.MetricsRegistry;
import dev.strata.observability.metrics.ServingMetrics;
import dev.strata.tokenizer.Tokenizer;
import java.security.SecureRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * {@link LlmEngine} by continuous (iteration-level) batching over any {@link ModelRunner}: one engine thread
 * runs {@link EngineCore#step()} in a loop while there is work and sleeps otherwise; {@link #submit} validates on
 * the caller's thread, checks the bounded queue and hands the request over through a lock-free inbox.
 *
 * <p>The runner is not closed by {@link #close()}: whoever created it owns it.
 */
public final class ContinuousBatchingEngine implements LlmEngine {
    private final ModelRunner runner;
    private final RunnerInfo info;
    private final Tokenizer tokenizer;
    private final EngineConfig config;
    private final EngineCore core;
    private final ConstraintCompiler constraints;
    private final ConcurrentLinkedQueue<RequestState> inbox = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicLong arrivals = new AtomicLong();
    private final SecureRandom seeds = new SecureRandom();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private final Thread thread;
    private volatile boolean accepting = true;
    private volatile boolean closed;
    private volatile boolean signalled;
    private volatile EngineStats stats;

    public ContinuousBatchingEngine(ModelRunner runner, Tokenizer tokenizer, EngineConfig config, MetricsRegistry metrics) {
        if (runner == null || tokenizer == null || config == null || metrics == null) {
            throw new IllegalArgumentException("runner, tokenizer, config and metrics are required");
        }
        this.runner = runner;
        this.info = runner.info();
        this.tokenizer = tokenizer;
        this.config = config;
        if (tokenizer.vocabSize() > info.vocabSize()) {
            throw new IllegalArgumentException("tokenizer vocabulary " + tokenizer.vocabSize()
                + " is larger than the model's " + info.vocabSize());
        }
        this.core = new EngineCore(runner, tokenizer, config, ServingMetrics.of(metrics, info.modelId()), System::nanoTime);
        this.constraints = new ConstraintCompiler(tokenizer, info.vocabSize());
        this.stats = new EngineStats(0, 0, 0, true);
        this.thread = Thread.ofPlatform().name("strata-engine-" + info.modelId()).daemon(true).unstarted(this::loop);
        thread.start();
    }

    @Override
    public RunnerInfo info() {
        return info;
    }

    @Override
    public GenerationHandle submit(GenerationRequest request, GenerationListener listener) {
        if (request == null) throw new IllegalArgumentException("request: missing");
        if (listener == null) throw new IllegalArgumentException("listener: missing");
        RequestValidator.validate(request, info, config);
        TokenConstraint constraint = request.constraint() == null ? null : constraints.compile(request.constraint());
        if (!accepting || closed) throw new EngineOverloadedException("engine is draining", 1000);
        if (queued.incrementAndGet() > config.maxWaiting()) {
            queued.decrementAndGet();
            throw new EngineOverloadedException("waiting queue is full (" + config.maxWaiting() + " requests)", 100);
        }
        Long seed = request.sampling().seed();
        RequestState r = new RequestState(request, listener, System.nanoTime(), arrivals.incrementAndGet(),
            seed != null ? seed : seeds.nextLong(), constraint, this::signal);
        inbox.add(r);
        signal();
        return r;
    }

    @Override
    public EngineStats stats() {
        EngineStats s = stats;
        return new EngineStats(s.running(), s.waiting() + inbox.size(), s.kvCacheUsage(), accepting && !closed);
    }

    @Override
    public void drain() {
        accepting = false;
        signal();
    }

    @Override
    public void close() {
        if (closed) return;
        accepting = false;
        closed = true;
        signal();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void signal() {
        lock.lock();
        try {
            signalled = true;
            wake.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void loop() {
        while (true) {
            takeInbox();
            if (closed) {
                core.cancelAll();
                for (RequestState r; (r = inbox.poll()) != null; ) core.add(r);
                core.cancelAll();
                publishStats();
                return;
            }
            if (!core.hasWork()) {
                publishStats();
                awaitSignal();
                continue;
            }
            try {
                core.step();
            } catch (RuntimeException | Error e) {
                // a bug in the engine itself: fail what runs rather than hang every caller
                core.cancelAll();
            }
            publishStats();
        }
    }

    private void takeInbox() {
        for (RequestState r; (r = inbox.poll()) != null; ) core.add(r);
        queued.set(core.waitingRequests() + inbox.size());
    }

    private void awaitSignal() {
        lock.lock();
        try {
            while (!signalled) wake.await(100, TimeUnit.MILLISECONDS);
            signalled = false;
        } catch (InterruptedException e) {
            closed = true;
        } finally {
            lock.unlock();
        }
    }

    private void publishStats() {
        queued.set(core.waitingRequests() + inbox.size());
        stats = new EngineStats(core.runningSequences(), core.waitingRequests(), core.kv().usage(), accepting);
    }

    /** Preempted requests so far (for tests and benchmarks). */
    public long preemptions() {
        return core.preemptions();
    }
}

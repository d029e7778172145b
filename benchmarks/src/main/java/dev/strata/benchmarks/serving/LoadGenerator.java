package dev.strata.benchmarks.serving;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Drives a {@link CompletionTarget}: either a closed loop of {@code concurrency} clients, each sending its next
 * request as soon as the previous one completes, or an open loop of Poisson arrivals at {@code rate} requests
 * per second with at most {@code concurrency} in flight (as {@code vllm bench serve --request-rate
 * --max-concurrency}). One virtual thread per in-flight request.
 */
public final class LoadGenerator {

    /** The results, in request order, and the wall time of the run. */
    public record Run(List<RequestResult> results, long wallNanos) {
    }

    private LoadGenerator() {
    }

    /**
     * @param rate requests per second for Poisson arrivals, or {@code <= 0} for a closed loop
     */
    public static Run run(CompletionTarget target, List<RequestSpec> specs, int concurrency, double rate, long seed) {
        if (concurrency < 1) throw new IllegalArgumentException("concurrency must be at least 1, got " + concurrency);
        RequestResult[] results = new RequestResult[specs.size()];
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            if (rate <= 0) {
                AtomicInteger next = new AtomicInteger();
                List<Future<?>> clients = new ArrayList<>();
                for (int c = 0; c < concurrency; c++) {
                    clients.add(pool.submit(() -> {
                        for (int i; (i = next.getAndIncrement()) < specs.size(); ) results[i] = safeSend(target, specs.get(i));
                    }));
                }
                for (Future<?> f : clients) await(f);
            } else {
                Semaphore inFlight = new Semaphore(concurrency);
                SplittableRandom r = new SplittableRandom(seed);
                long due = System.nanoTime();
                List<Future<?>> sent = new ArrayList<>();
                for (int i = 0; i < specs.size(); i++) {
                    due += (long) (-Math.log(1 - r.nextDouble()) / rate * 1e9);
                    long wait = due - System.nanoTime();
                    if (wait > 0) LockSupport.parkNanos(wait);
                    inFlight.acquireUninterruptibly();
                    int k = i;
                    sent.add(pool.submit(() -> {
                        try {
                            results[k] = safeSend(target, specs.get(k));
                        } finally {
                            inFlight.release();
                        }
                    }));
                }
                for (Future<?> f : sent) await(f);
            }
        }
        return new Run(List.of(results), System.nanoTime() - start);
    }

    private static RequestResult safeSend(CompletionTarget target, RequestSpec spec) {
        try {
            return target.send(spec);
        } catch (RuntimeException e) {
            return RequestResult.failed(e.toString());
        }
    }

    private static void await(Future<?> f) {
        try {
            f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("load client failed", e.getCause());
        }
    }
}

package dev.strata.server.testing;

import dev.strata.batching.api.EngineOverloadedException;
import dev.strata.batching.api.EngineStats;
import dev.strata.batching.api.FinishReason;
import dev.strata.batching.api.GenerationDelta;
import dev.strata.batching.api.GenerationHandle;
import dev.strata.batching.api.GenerationListener;
import dev.strata.batching.api.GenerationRequest;
import dev.strata.batching.api.LlmEngine;
import dev.strata.batching.api.TokenLogprob;
import dev.strata.batching.api.Usage;
import dev.strata.batching.engine.RunnerInfo;
import dev.strata.tokenizer.Tokenizer;
import dev.strata.tokenizer.stream.StreamingDecoder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test double of the batching engine for the server's unit tests: it "generates" a fixed reply (tokenized with the
 * real tokenizer, one token per tick on its own thread), honours cancellation, deadlines, max_tokens and n, and
 * refuses work beyond its capacity like the real engine's bounded queue.
 */
public final class ScriptedEngine implements LlmEngine {
    private final Tokenizer tokenizer;
    private final int contextLength;
    private final int capacity;
    private final long tickMicros;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "scripted-engine");
        t.setDaemon(true);
        return t;
    });
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicBoolean draining = new AtomicBoolean();
    private volatile String reply = " Once upon a time there was a little dog.";
    public final ConcurrentLinkedQueue<GenerationRequest> submitted = new ConcurrentLinkedQueue<>();
    public final AtomicInteger cancelled = new AtomicInteger();

    public ScriptedEngine(Tokenizer tokenizer, int contextLength, int capacity, long tickMicros) {
        this.tokenizer = tokenizer;
        this.contextLength = contextLength;
        this.capacity = capacity;
        this.tickMicros = tickMicros;
    }

    /** The text every request gets next. */
    public void replyWith(String text) {
        this.reply = text;
    }

    @Override
    public RunnerInfo info() {
        return new RunnerInfo("scripted", tokenizer.vocabSize(), contextLength, 16, 64);
    }

    @Override
    public GenerationHandle submit(GenerationRequest request, GenerationListener listener) {
        if (draining.get()) throw new EngineOverloadedException("draining", 1000);
        if (inFlight.incrementAndGet() > capacity) {
            inFlight.decrementAndGet();
            throw new EngineOverloadedException("queue full (" + capacity + " requests)", 500);
        }
        if (request.promptTokens().length >= contextLength) throw new IllegalArgumentException("prompt too long");
        if (request.constraint() != null && request.constraint().source().contains("\"not-a-type\"")) {
            inFlight.decrementAndGet();
            throw new IllegalArgumentException("response_format: unsupported schema type 'not-a-type'");
        }
        submitted.add(request);
        // a constrained request gets the reply the constraint would allow (here: a call of the forced tool)
        int[] script = tokenizer.encode(request.constraint() != null && request.constraint().source().contains("get_weather")
            ? "{\"name\": \"get_weather\", \"arguments\": {\"city\": \"Paris\"}}" : reply, false);
        Run run = new Run(request, listener, script);
        run.future = thread.scheduleAtFixedRate(run::tick, tickMicros, tickMicros, TimeUnit.MICROSECONDS);
        return run;
    }

    @Override
    public EngineStats stats() {
        return new EngineStats(inFlight.get(), 0, inFlight.get() / (double) capacity, !draining.get());
    }

    @Override
    public void drain() {
        draining.set(true);
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }

    private final class Run implements GenerationHandle {
        final GenerationRequest request;
        final GenerationListener listener;
        final int[] script;
        final int[] produced;
        final StreamingDecoder[] decoders;
        volatile boolean cancel;
        volatile boolean done;
        java.util.concurrent.ScheduledFuture<?> future;

        Run(GenerationRequest request, GenerationListener listener, int[] script) {
            this.request = request;
            this.listener = listener;
            this.script = script;
            int n = request.sampling().n();
            produced = new int[n];
            decoders = new StreamingDecoder[n];
            for (int i = 0; i < n; i++) decoders[i] = tokenizer.streamingDecoder();
        }

        void tick() {
            if (done) return;
            int n = produced.length;
            FinishReason end = null;
            if (cancel) end = FinishReason.CANCELLED;
            else if (request.deadlineNanos() != 0 && System.nanoTime() > request.deadlineNanos()) end = FinishReason.DEADLINE;
            if (end == null) {
                boolean all = true;
                for (int c = 0; c < n; c++) {
                    if (produced[c] >= Math.min(script.length, request.sampling().maxTokens())) continue;
                    int id = script[produced[c]++];
                    List<TokenLogprob> lps = new ArrayList<>();
                    if (request.sampling().logprobs() >= 0) {
                        List<TokenLogprob.Alternative> top = new ArrayList<>();
                        for (int k = 0; k < request.sampling().logprobs(); k++) top.add(new TokenLogprob.Alternative((id + k) % tokenizer.vocabSize(), -0.5f - k));
                        lps.add(new TokenLogprob(id, -0.5f, top));
                    }
                    listener.onDelta(new GenerationDelta(c, new int[] {id}, decoders[c].next(id), lps));
                    all = false;
                }
                if (!all) return;
            }
            done = true;
            int total = 0;
            for (int c = 0; c < n; c++) {
                total += produced[c];
                FinishReason r = end != null ? end : produced[c] >= request.sampling().maxTokens() ? FinishReason.LENGTH : FinishReason.STOP;
                String rest = decoders[c].flush();
                if (!rest.isEmpty()) listener.onDelta(new GenerationDelta(c, new int[0], rest, List.of()));
                listener.onChoiceFinished(c, r);
            }
            if (end == FinishReason.CANCELLED) cancelled.incrementAndGet();
            inFlight.decrementAndGet();
            listener.onComplete(new Usage(request.promptTokens().length, total, 0));
            future.cancel(false);
        }

        @Override
        public void cancel() {
            cancel = true;
        }

        @Override
        public boolean isDone() {
            return done;
        }
    }
}

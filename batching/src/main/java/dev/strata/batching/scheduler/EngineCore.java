package dev.strata.batching.scheduler;

import dev.strata.batching.api.FinishReason;
import dev.strata.batching.api.GenerationDelta;
import dev.strata.batching.api.SamplingParams;
import dev.strata.batching.api.TokenLogprob;
import dev.strata.batching.api.Usage;
import dev.strata.batching.engine.ForwardBatch;
import dev.strata.batching.engine.ModelRunner;
import dev.strata.batching.engine.RunnerInfo;
import dev.strata.batching.engine.SequenceChunk;
import dev.strata.batching.kv.BlockTable;
import dev.strata.batching.kv.KvCacheManager;
import dev.strata.batching.output.ChoiceText;
import dev.strata.batching.sampling.SampledToken;
import dev.strata.batching.sampling.Sampler;
import dev.strata.batching.sampling.SequenceRandom;
import dev.strata.observability.metrics.ServingMetrics;
import dev.strata.tokenizer.Tokenizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * One engine's scheduling state and its step, without threads: {@link ContinuousBatchingEngine} calls it from its
 * engine thread, property tests call it directly with any interleaving of arrivals, steps, cancellations and
 * preemptions.
 *
 * <p>A step: drop cancelled and expired requests (their blocks are freed now); give each running sequence, best
 * ranked first, its next chunk (one token for a decode, up to {@code maxPrefillChunk} for a prefill) while the token
 * budget lasts, preempting the worst-ranked running request when blocks run out; admit waiting requests with
 * what is left; run the batch; sample, stream and finish.
 */
final class EngineCore {
    private final ModelRunner runner;
    private final RunnerInfo info;
    private final Tokenizer tokenizer;
    private final EngineConfig config;
    private final ServingMetrics metrics;
    private final LongSupplier clock;
    private final KvCacheManager kv;
    private final Sampler sampler = new Sampler();
    private final int eos;
    private final List<RequestState> running = new ArrayList<>();
    private final List<RequestState> waiting = new ArrayList<>();
    private final java.util.Set<RequestState> preemptedThisStep = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    private long nextSequenceId;
    private long preemptions;

    private record Planned(Sequence seq, int take) {
    }

    EngineCore(ModelRunner runner, Tokenizer tokenizer, EngineConfig config, ServingMetrics metrics, LongSupplier clock) {
        this.runner = runner;
        this.info = runner.info();
        this.tokenizer = tokenizer;
        this.config = config;
        this.metrics = metrics;
        this.clock = clock;
        this.kv = new KvCacheManager(info.numBlocks(), info.blockSize(), config.watermark(), config.prefixCaching(),
            runner::copyBlock);
        this.eos = tokenizer.eosTokenId().orElse(-1);
    }

    KvCacheManager kv() {
        return kv;
    }

    int runningSequences() {
        int n = 0;
        for (RequestState r : running) n += r.live.size();
        return n;
    }

    int runningRequests() {
        return running.size();
    }

    int waitingRequests() {
        return waiting.size();
    }

    long preemptions() {
        return preemptions;
    }

    boolean hasWork() {
        return !running.isEmpty() || !waiting.isEmpty();
    }

    void add(RequestState r) {
        waiting.add(r);
    }

    /** All block tables of live sequences, for invariant checks. */
    List<BlockTable> liveTables() {
        List<BlockTable> t = new ArrayList<>();
        for (RequestState r : running) for (Sequence s : r.live) t.add(s.table);
        for (RequestState r : waiting) for (Sequence s : r.live) t.add(s.table);
        return t;
    }

    void checkInvariants() {
        kv.checkInvariants(liveTables());
        for (RequestState r : waiting) {
            for (Sequence s : r.live) {
                if (s.table.size() != 0) throw new IllegalStateException(r + " waits but holds blocks");
            }
        }
    }

    /** Runs one step; returns the number of tokens the runner computed (0 when there was nothing to run). */
    int step() {
        long now = clock.getAsLong();
        sweep(now);
        preemptedThisStep.clear();
        List<Planned> plan = new ArrayList<>();
        int budget = config.maxStepTokens();
        sortByRank(running, now);
        budget = planRunning(plan, budget);
        budget = admitWaiting(plan, budget, now);
        publishGauges();
        if (plan.isEmpty()) return 0;

        List<SequenceChunk> chunks = new ArrayList<>(plan.size());
        for (Planned p : plan) {
            Sequence s = p.seq;
            int start = s.computed;
            chunks.add(new SequenceChunk(s.id, Arrays.copyOfRange(s.tokens, start, start + p.take), start,
                s.table.toArray(), start + p.take == s.length));
        }
        ForwardBatch batch = new ForwardBatch(chunks);
        float[][] logits;
        try {
            logits = runner.forward(batch);
            if (logits == null || logits.length != chunks.size()) {
                throw new IllegalStateException("runner returned " + (logits == null ? "null" : logits.length + " rows")
                    + " for " + chunks.size() + " chunks");
            }
        } catch (RuntimeException | Error e) {
            failBatch(plan, e);
            return 0;
        }
        long done = clock.getAsLong();
        for (int i = 0; i < plan.size(); i++) {
            Sequence s = plan.get(i).seq;
            s.computed += plan.get(i).take;
            kv.publishFullBlocks(s.table, s.tokens, s.computed);
            if (!chunks.get(i).needsLogits()) continue;
            float[] row = logits[i];
            if (row == null || row.length != info.vocabSize()) {
                failRequest(s.request, new IllegalStateException("runner returned a logits row of "
                    + (row == null ? "null" : row.length) + " for vocabulary " + info.vocabSize()));
                continue;
            }
            if (s.finished || s.request.done) continue;
            onLogits(s, row, done);
        }
        publishGauges();
        return batch.tokenCount();
    }

    /** Preempts a running request now (tests; the step preempts by itself when blocks run out). */
    boolean preempt(RequestState r) {
        if (!running.contains(r)) return false;
        preemptRequest(r);
        return true;
    }

    /** Ends every request with CANCELLED (engine closing). */
    void cancelAll() {
        for (RequestState r : new ArrayList<>(running)) finishRequest(r, FinishReason.CANCELLED);
        for (RequestState r : new ArrayList<>(waiting)) finishRequest(r, FinishReason.CANCELLED);
        publishGauges();
    }

    // ---------------------------------------------------------------- planning

    private void sweep(long now) {
        for (List<RequestState> list : List.of(running, waiting)) {
            for (RequestState r : new ArrayList<>(list)) {
                if (r.cancelled) {
                    finishRequest(r, FinishReason.CANCELLED);
                } else if (r.request.deadlineNanos() != 0 && now - r.request.deadlineNanos() >= 0) {
                    finishRequest(r, FinishReason.DEADLINE);
                }
            }
        }
    }

    private int planRunning(List<Planned> plan, int budget) {
        for (int ri = 0; ri < running.size() && budget > 0; ri++) {
            RequestState r = running.get(ri);
            for (Sequence s : r.live) {
                if (budget == 0) break;
                int take = chunkSize(s, budget);
                int need = kv.blocksNeeded(s.table, s.computed, s.computed + take);
                while (!kv.canAllocate(need)) {
                    RequestState victim = running.get(running.size() - 1);
                    if (victim == r) break;
                    preemptRequest(victim);
                }
                if (!kv.canAllocate(need)) {
                    // r is the worst-ranked request left: preempt it, unless it is alone and can never fit
                    if (running.size() == 1) {
                        finishForLackOfBlocks(r);
                    } else {
                        preemptRequest(r);
                    }
                    plan.removeIf(p -> p.seq.request == r);
                    ri--;
                    break;
                }
                kv.ensureCapacity(s.table, s.computed, s.computed + take);
                plan.add(new Planned(s, take));
                budget -= take;
            }
        }
        // recount: plan entries of preempted requests were removed
        int used = 0;
        for (Planned p : plan) used += p.take;
        return config.maxStepTokens() - used;
    }

    private int admitWaiting(List<Planned> plan, int budget, long now) {
        sortByRank(waiting, now);
        while (budget > 0 && !waiting.isEmpty()) {
            RequestState r = waiting.get(0);
            if (preemptedThisStep.contains(r)) break;
            if (runningSequences() + r.width() > config.maxRunning()) break;
            if (!r.started) {
                r.started = true;
                int[] prompt = r.request.promptTokens();
                int[] tokens = Arrays.copyOf(prompt, prompt.length + Math.min(r.request.sampling().maxTokens(), 64));
                r.live.add(newSequence(r, 0, tokens, prompt.length, new BlockTable(),
                    r.constraint == null ? null : r.constraint.copy()));
            }
            int needTotal = 0;
            List<Planned> mine = new ArrayList<>();
            int left = budget;
            int cachedFirst = 0;
            for (Sequence s : r.live) {
                int cached = kv.matchPrefix(s.table, s.tokens, s.length - 1);
                s.computed = cached;
                if (s == r.live.get(0)) cachedFirst = cached;
                if (left == 0) continue;
                int take = chunkSize(s, left);
                needTotal += kv.blocksNeeded(s.table, s.computed, s.computed + take);
                mine.add(new Planned(s, take));
                left -= take;
            }
            if (!kv.canAdmit(needTotal)) {
                for (Sequence s : r.live) {
                    kv.free(s.table);
                    s.computed = 0;
                }
                break;
            }
            for (Planned p : mine) kv.ensureCapacity(p.seq.table, p.seq.computed, p.seq.computed + p.take);
            plan.addAll(mine);
            budget = left;
            waiting.remove(0);
            running.add(r);
            if (!r.everScheduled) {
                r.everScheduled = true;
                r.firstScheduledNanos = now;
                r.cachedPromptTokens = cachedFirst;
                metrics.observeQueueTime(seconds(now - r.arrivalNanos));
                metrics.addPromptTokens(r.request.promptTokens().length);
                metrics.addPrefixCacheLookup(r.request.promptTokens().length, cachedFirst);
            }
        }
        return budget;
    }

    private int chunkSize(Sequence s, int budget) {
        int pending = s.pending();
        int take = Math.min(pending, budget);
        if (pending > 1) take = Math.min(take, config.maxPrefillChunk());
        return Math.max(1, take);
    }

    private void sortByRank(List<RequestState> list, long now) {
        Comparator<RequestState> byArrival = Comparator.comparingLong(r -> r.arrivalOrder);
        if (config.policy() == SchedulingPolicy.FCFS) {
            list.sort(byArrival);
        } else {
            long aging = config.agingMillis() * 1_000_000L;
            list.sort(Comparator.<RequestState>comparingLong(r -> -(r.request.priority() + (now - r.arrivalNanos) / aging))
                .thenComparing(byArrival));
        }
    }

    private void preemptRequest(RequestState r) {
        running.remove(r);
        for (Sequence s : r.live) {
            kv.free(s.table);
            s.computed = 0;
        }
        waiting.add(r);
        preemptedThisStep.add(r);
        preemptions++;
        metrics.incPreemptions();
    }

    private void finishForLackOfBlocks(RequestState r) {
        for (Sequence s : new ArrayList<>(r.live)) finishSequence(s, FinishReason.LENGTH, "");
    }

    // ---------------------------------------------------------------- sampling and output

    private void onLogits(Sequence s, float[] row, long now) {
        RequestState r = s.request;
        SamplingParams p = r.request.sampling();
        if (!r.forked && p.n() > 1) {
            r.forked = true;
            List<Sequence> children = new ArrayList<>();
            for (int c = 1; c < p.n(); c++) {
                Sequence child = newSequence(r, c, s.tokens.clone(), s.length, kv.fork(s.table),
                    s.constraint == null ? null : s.constraint.copy());
                child.computed = s.computed;
                children.add(child);
            }
            r.live.addAll(children);
            emit(s, row, now);
            for (Sequence c : children) {
                if (!r.done) emit(c, row, now);
            }
        } else {
            r.forked = true;
            emit(s, row, now);
        }
    }

    private void emit(Sequence s, float[] row, long now) {
        RequestState r = s.request;
        SamplingParams p = r.request.sampling();
        SampledToken t = sampler.sample(row, p, s.history(), s.random, s.constraint == null ? null : s.constraint::mask);
        int id = t.tokenId();
        s.append(id);
        r.completionTokens++;
        if (s.constraint != null) s.constraint.accept(id);
        metrics.addGenerationTokens(1);
        if (r.firstTokenNanos == 0) {
            r.firstTokenNanos = now;
            metrics.observeTimeToFirstToken(seconds(now - r.arrivalNanos));
        } else if (s.lastTokenNanos != 0) {
            metrics.observeInterTokenLatency(seconds(now - s.lastTokenNanos));
        }
        s.lastTokenNanos = now;

        String text = s.text.next(id);
        FinishReason reason = null;
        if (id == eos && !p.ignoreEos()) reason = FinishReason.STOP;
        else if (s.text.stopped()) reason = FinishReason.STOP;
        else if (s.constraint != null && s.constraint.mustStop()) reason = FinishReason.STOP;
        else if (s.generated >= p.maxTokens()) reason = FinishReason.LENGTH;
        else if (s.length >= info.maxContextLength()) reason = FinishReason.LENGTH;
        String out = reason != null && !s.text.stopped() ? text + s.text.finish() : text;
        List<TokenLogprob> lps = t.logprobs() == null ? List.of() : List.of(t.logprobs());
        deliver(r, () -> r.listener.onDelta(new GenerationDelta(s.choice, new int[] {id}, out, lps)));
        if (reason != null && !r.done) finishSequence(s, reason, null);
    }

    private void finishSequence(Sequence s, FinishReason reason, String tail) {
        RequestState r = s.request;
        if (s.finished) return;
        s.finished = true;
        if (tail != null && reason != FinishReason.CANCELLED && reason != FinishReason.DEADLINE) {
            String rest = tail + s.text.finish();
            if (!rest.isEmpty()) {
                deliver(r, () -> r.listener.onDelta(new GenerationDelta(s.choice, new int[0], rest, List.of())));
            }
        }
        kv.free(s.table);
        r.live.remove(s);
        r.choicesFinished++;
        if (!r.done) deliver(r, () -> r.listener.onChoiceFinished(s.choice, reason));
        if (r.choicesFinished == r.n() || (r.live.isEmpty() && r.forked)) completeRequest(r);
        else if (r.live.isEmpty() && !r.forked) {
            // the prompt sequence finished before forking (cancel, deadline): the other choices end the same way
            for (int c = 1; c < r.n(); c++) {
                int choice = c;
                r.choicesFinished++;
                deliver(r, () -> r.listener.onChoiceFinished(choice, reason));
            }
            completeRequest(r);
        }
    }

    private void finishRequest(RequestState r, FinishReason reason) {
        if (r.live.isEmpty() && !r.started) {
            for (int c = 0; c < r.n(); c++) {
                int choice = c;
                r.choicesFinished++;
                deliver(r, () -> r.listener.onChoiceFinished(choice, reason));
            }
            completeRequest(r);
            return;
        }
        for (Sequence s : new ArrayList<>(r.live)) finishSequence(s, reason, null);
    }

    private void completeRequest(RequestState r) {
        running.remove(r);
        waiting.remove(r);
        if (r.done) return;
        r.done = true;
        long now = clock.getAsLong();
        metrics.observeE2eLatency(seconds(now - r.arrivalNanos));
        Usage usage = new Usage(r.request.promptTokens().length, r.completionTokens, r.cachedPromptTokens);
        try {
            r.listener.onComplete(usage);
        } catch (RuntimeException e) {
            // the caller's problem; the engine goes on
        }
    }

    private void failRequest(RequestState r, Throwable error) {
        for (Sequence s : new ArrayList<>(r.live)) {
            s.finished = true;
            kv.free(s.table);
        }
        r.live.clear();
        running.remove(r);
        waiting.remove(r);
        if (r.done) return;
        r.done = true;
        try {
            r.listener.onError(error);
        } catch (RuntimeException e) {
            // ignored: nothing more to tell this caller
        }
    }

    private void failBatch(List<Planned> plan, Throwable e) {
        List<RequestState> hit = new ArrayList<>();
        for (Planned p : plan) if (!hit.contains(p.seq.request)) hit.add(p.seq.request);
        for (RequestState r : hit) failRequest(r, e);
    }

    /** Calls the listener; a listener that throws is treated as a gone client (its request is cancelled). */
    private void deliver(RequestState r, Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            r.cancelled = true;
        }
    }

    private Sequence newSequence(RequestState r, int choice, int[] tokens, int length, BlockTable table,
                                 dev.strata.batching.constraint.TokenConstraint constraint) {
        return new Sequence(nextSequenceId++, r, choice, tokens, length, table, new SequenceRandom(r.seed, choice),
            new ChoiceText(tokenizer, r.request.sampling().stop()), constraint);
    }

    private void publishGauges() {
        metrics.setRunning(running.size());
        metrics.setWaiting(waiting.size());
        metrics.setKvCacheUsage(kv.usage());
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}

package dev.strata.batching.testing;

import dev.strata.batching.api.FinishReason;
import dev.strata.batching.api.GenerationDelta;
import dev.strata.batching.api.GenerationListener;
import dev.strata.batching.api.TokenLogprob;
import dev.strata.batching.api.Usage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Records a request's stream per choice, and checks the listener protocol (order, nothing after completion). */
public class Collector implements GenerationListener {
    public final Map<Integer, List<Integer>> tokens = new ConcurrentHashMap<>();
    public final Map<Integer, StringBuilder> text = new ConcurrentHashMap<>();
    public final Map<Integer, FinishReason> finish = new ConcurrentHashMap<>();
    public final List<TokenLogprob> logprobs = new ArrayList<>();
    public final List<String> violations = new ArrayList<>();
    public volatile Usage usage;
    public volatile Throwable error;
    private final CountDownLatch done = new CountDownLatch(1);

    @Override
    public synchronized void onDelta(GenerationDelta d) {
        if (done.getCount() == 0) violations.add("delta after completion");
        if (finish.containsKey(d.choiceIndex())) violations.add("delta after choice " + d.choiceIndex() + " finished");
        List<Integer> t = tokens.computeIfAbsent(d.choiceIndex(), k -> new ArrayList<>());
        for (int id : d.tokenIds()) t.add(id);
        text.computeIfAbsent(d.choiceIndex(), k -> new StringBuilder()).append(d.text());
        logprobs.addAll(d.logprobs());
    }

    @Override
    public synchronized void onChoiceFinished(int choiceIndex, FinishReason reason) {
        if (finish.put(choiceIndex, reason) != null) violations.add("choice " + choiceIndex + " finished twice");
    }

    @Override
    public synchronized void onComplete(Usage usage) {
        if (done.getCount() == 0) violations.add("completed twice");
        this.usage = usage;
        done.countDown();
    }

    @Override
    public void onError(Throwable error) {
        this.error = error;
        done.countDown();
    }

    public Collector await() {
        try {
            if (!done.await(20, TimeUnit.SECONDS)) throw new AssertionError("request did not complete in 20 s");
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        return this;
    }

    public boolean isDone() {
        return done.getCount() == 0;
    }

    public int[] tokens(int choice) {
        return tokens.getOrDefault(choice, List.of()).stream().mapToInt(Integer::intValue).toArray();
    }

    public String text(int choice) {
        StringBuilder b = text.get(choice);
        return b == null ? "" : b.toString();
    }
}

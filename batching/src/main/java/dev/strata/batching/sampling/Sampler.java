package dev.strata.batching.sampling;

import dev.strata.batching.api.SamplingParams;
import dev.strata.batching.api.TokenLogprob;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Chooses one token from one row of logits, with vLLM's order of operations: logit bias, constraint mask,
 * repetition / presence / frequency penalties, temperature (0 = greedy), then top-k, top-p and min-p filtering and
 * a draw from the request's own random stream. Reuses scratch arrays, so one instance serves one thread.
 */
public final class Sampler {
    private float[] work = new float[0];
    private float[] logp = new float[0];
    private long[] order = new long[0];
    private int[] counts = new int[0];

    /**
     * @param logits the runner's row (not modified)
     * @param mask   a constraint's mask, or null
     */
    public SampledToken sample(float[] logits, SamplingParams p, TokenHistory history, SequenceRandom random, LogitsMask mask) {
        int v = logits.length;
        if (work.length != v) {
            work = new float[v];
            logp = new float[v];
            order = new long[v];
            counts = new int[v];
        }
        float[] x = work;
        System.arraycopy(logits, 0, x, 0, v);
        for (Map.Entry<Integer, Float> e : p.logitBias().entrySet()) {
            int id = e.getKey();
            if (id >= 0 && id < v) x[id] += e.getValue();
        }
        if (mask != null) mask.apply(x);
        applyPenalties(x, p, history);
        boolean greedy = p.temperature() <= 0f;
        if (!greedy) {
            float inv = 1f / p.temperature();
            for (int i = 0; i < v; i++) x[i] *= inv;
        }
        logSoftmax(x, logp);
        int chosen = greedy ? argmax(x) : draw(p, random);
        if (chosen < 0 || x[chosen] == Float.NEGATIVE_INFINITY) {
            throw new IllegalStateException("no token is allowed (every logit is -inf after bias and mask)");
        }
        TokenLogprob lp = p.logprobs() >= 0 ? new TokenLogprob(chosen, logp[chosen], top(p.logprobs())) : null;
        return new SampledToken(chosen, logp[chosen], lp);
    }

    private void applyPenalties(float[] x, SamplingParams p, TokenHistory h) {
        boolean rep = p.repetitionPenalty() != 1f && p.repetitionPenalty() > 0f;
        boolean out = p.presencePenalty() != 0f || p.frequencyPenalty() != 0f;
        if (h == null || (!rep && !out)) return;
        int v = x.length;
        int[] t = h.tokens();
        // counts[i]: output occurrences + 1 << 20 flag for "seen anywhere"
        for (int i = 0; i < h.length(); i++) {
            int id = t[i];
            if (id < 0 || id >= v) continue;
            if (i >= h.promptLength()) counts[id]++;
            counts[id] |= 1 << 20;
        }
        for (int i = 0; i < h.length(); i++) {
            int id = t[i];
            if (id < 0 || id >= v || counts[id] == 0) continue;
            int c = counts[id] & ((1 << 20) - 1);
            if (rep) x[id] = x[id] > 0 ? x[id] / p.repetitionPenalty() : x[id] * p.repetitionPenalty();
            if (c > 0) x[id] -= p.frequencyPenalty() * c + p.presencePenalty();
            counts[id] = 0;
        }
    }

    private int draw(SamplingParams p, SequenceRandom random) {
        int v = logp.length;
        boolean filter = (p.topK() > 0 && p.topK() < v) || p.topP() < 1f || p.minP() > 0f;
        double u = random.nextDouble();
        if (!filter) {
            double acc = 0;
            int last = -1;
            for (int i = 0; i < v; i++) {
                if (logp[i] == Float.NEGATIVE_INFINITY) continue;
                acc += Math.exp(logp[i]);
                last = i;
                if (acc > u) return i;
            }
            return last;
        }
        // candidates sorted by probability, best first (ties: smaller id first)
        int n = 0;
        for (int i = 0; i < v; i++) {
            if (logp[i] == Float.NEGATIVE_INFINITY) continue;
            float prob = (float) Math.exp(logp[i]);
            order[n++] = ((long) Float.floatToRawIntBits(prob) << 32) | (0xffffffffL - i);
        }
        Arrays.sort(order, 0, n);
        int keep = n;
        if (p.topK() > 0) keep = Math.min(keep, p.topK());
        double pMax = prob(order[n - 1]);
        if (p.minP() > 0f) {
            int k = 0;
            while (k < keep && prob(order[n - 1 - k]) >= p.minP() * pMax) k++;
            keep = Math.max(1, k);
        }
        if (p.topP() < 1f) {
            double total = 0;
            for (int k = 0; k < keep; k++) total += prob(order[n - 1 - k]);
            double acc = 0;
            int k = 0;
            while (k < keep) {
                acc += prob(order[n - 1 - k]);
                k++;
                if (acc >= p.topP() * total) break;
            }
            keep = Math.max(1, k);
        }
        double total = 0;
        for (int k = 0; k < keep; k++) total += prob(order[n - 1 - k]);
        double target = u * total;
        double acc = 0;
        for (int k = 0; k < keep; k++) {
            acc += prob(order[n - 1 - k]);
            if (acc > target) return id(order[n - 1 - k]);
        }
        return id(order[n - keep]);
    }

    private static double prob(long key) {
        return Float.intBitsToFloat((int) (key >>> 32));
    }

    private static int id(long key) {
        return (int) (0xffffffffL - (key & 0xffffffffL));
    }

    private List<TokenLogprob.Alternative> top(int k) {
        if (k <= 0) return List.of();
        int v = logp.length;
        k = Math.min(k, v);
        int[] best = new int[k];
        int size = 0;
        for (int i = 0; i < v; i++) {
            float l = logp[i];
            if (l == Float.NEGATIVE_INFINITY) continue;
            if (size == k && l <= logp[best[size - 1]]) continue;
            int pos = size < k ? size++ : size - 1;
            while (pos > 0 && logp[best[pos - 1]] < l) {
                best[pos] = best[pos - 1];
                pos--;
            }
            best[pos] = i;
        }
        List<TokenLogprob.Alternative> alts = new ArrayList<>(size);
        for (int i = 0; i < size; i++) alts.add(new TokenLogprob.Alternative(best[i], logp[best[i]]));
        return alts;
    }

    private static int argmax(float[] x) {
        int best = -1;
        float bv = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < x.length; i++) {
            if (x[i] > bv) {
                bv = x[i];
                best = i;
            }
        }
        return best;
    }

    private static void logSoftmax(float[] x, float[] out) {
        float max = Float.NEGATIVE_INFINITY;
        for (float f : x) if (f > max) max = f;
        double sum = 0;
        for (float f : x) if (f != Float.NEGATIVE_INFINITY) sum += Math.exp(f - max);
        float lse = (float) (max + Math.log(sum));
        for (int i = 0; i < x.length; i++) out[i] = x[i] == Float.NEGATIVE_INFINITY ? Float.NEGATIVE_INFINITY : x[i] - lse;
    }
}

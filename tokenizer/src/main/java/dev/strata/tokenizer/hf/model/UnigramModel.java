package dev.strata.tokenizer.hf.model;

import dev.strata.tokenizer.bpe.WordIdCache;
import dev.strata.tokenizer.ids.IdBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Hugging Face's Unigram model (T5, ALBERT, XLM-R, mBART): the segmentation of a word into pieces whose summed
 * log-probability scores are highest (Viterbi over a trie of the pieces), as {@code Unigram::encode_optimized}
 * does it, so that ties and unknown characters come out the same.
 *
 * <p>A character that begins no single-character piece gets an unk node scored {@code min_score - 10}; adjacent unk
 * nodes are fused into one token (HF always fuses), which becomes the piece of that text if there is one, else its
 * {@code <0xHH>} byte pieces when {@code byte_fallback} is on and all exist, else {@code unk_id}. Without an
 * {@code unk_id} HF fails on such text; here the bytes fall back if they can and the text is dropped otherwise.
 */
public final class UnigramModel implements TokenModel {
    private static final double UNK_PENALTY = 10.0;
    /** Node id of an unknown character when the model has no unk id. */
    private static final int NO_UNK = -2;

    private final String[] pieces;
    private final double[] scores;
    private final Map<String, Integer> ids;
    private final PieceTrie trie;
    private final int unkId;
    private final double unkScore;
    private final boolean byteFallback;
    private final int[] byteIds = new int[256];
    /** Segmentations of words seen before (HF caches them too): a hit skips the Viterbi pass and its arrays. */
    private final WordIdCache cache = new WordIdCache(1 << 16);
    private static final int CACHEABLE_LENGTH = 64;

    /**
     * @param pieces piece strings by id
     * @param scores their scores (log probabilities)
     * @param unkId  the id of the unknown piece, or -1 when the model has none
     */
    public UnigramModel(List<String> pieces, double[] scores, int unkId, boolean byteFallback) {
        if (pieces.size() != scores.length) throw new IllegalArgumentException(pieces.size() + " pieces but " + scores.length + " scores");
        if (unkId >= pieces.size()) throw new IllegalArgumentException("unk id " + unkId + " is not below the vocabulary size " + pieces.size());
        this.pieces = pieces.toArray(new String[0]);
        this.scores = scores.clone();
        this.unkId = unkId;
        this.byteFallback = byteFallback;
        this.ids = new HashMap<>(pieces.size() * 2);
        int chars = 0;
        double min = Double.POSITIVE_INFINITY;
        for (int i = 0; i < this.pieces.length; i++) {
            ids.put(this.pieces[i], i); // a repeated piece maps to its last id, as in HF
            chars += this.pieces[i].length();
            if (scores[i] < min) min = scores[i];
        }
        this.unkScore = min - UNK_PENALTY;
        this.trie = new PieceTrie(chars);
        for (int i = 0; i < this.pieces.length; i++) trie.insert(this.pieces[i], ids.get(this.pieces[i]));
        for (int b = 0; b < 256; b++) {
            Integer id = ids.get(String.format("<0x%02X>", b));
            byteIds[b] = id == null ? -1 : id;
        }
    }

    public boolean byteFallback() {
        return byteFallback;
    }

    public int unkId() {
        return unkId;
    }

    @Override
    public void tokenize(String word, IdBuffer out) {
        int n = word.length();
        if (n == 0) return;
        boolean cacheable = n <= CACHEABLE_LENGTH;
        if (cacheable) {
            int[] hit = cache.get(word, 0, n);
            if (hit != null) {
                out.addAll(hit);
                return;
            }
        }
        int mark = out.size();
        segment(word, out);
        if (cacheable) cache.put(word, java.util.Arrays.copyOfRange(out.array(), mark, out.size()));
    }

    private void segment(String word, IdBuffer out) {
        int n = word.length();
        double[] best = new double[n + 1];
        int[] from = new int[n + 1];
        int[] node = new int[n + 1];
        java.util.Arrays.fill(from, -1);
        int unkNode = unkId >= 0 ? unkId : NO_UNK;
        for (int s = 0; s < n; ) {
            int charLen = Character.charCount(word.codePointAt(s));
            double base = best[s];
            boolean single = false;
            int t = 0;
            for (int e = s; e < n; e++) {
                t = trie.child(t, word.charAt(e));
                if (t < 0) break;
                int id = trie.terminal(t);
                if (id < 0) continue;
                int end = e + 1;
                double candidate = scores[id] + base;
                if (from[end] < 0 || candidate > best[end]) {
                    best[end] = candidate;
                    from[end] = s;
                    node[end] = id;
                }
                if (end - s == charLen) single = true;
            }
            if (!single) {
                int end = s + charLen;
                double candidate = unkScore + base;
                if (from[end] < 0 || candidate > best[end]) {
                    best[end] = candidate;
                    from[end] = s;
                    node[end] = unkNode;
                }
            }
            s += charLen;
        }
        emit(word, from, node, unkNode, out);
    }

    /** Walks the best path back from the end, then appends its ids front to back, fusing runs of unk nodes. */
    private void emit(String word, int[] from, int[] node, int unkNode, IdBuffer out) {
        int count = 0;
        int[] ends = new int[word.length()];
        for (int e = word.length(); e > 0; e = from[e]) ends[count++] = e;
        int start = 0;
        for (int k = count - 1; k >= 0; k--) {
            int end = ends[k];
            if (node[end] != unkNode) {
                out.add(node[end]);
                start = end;
                continue;
            }
            while (k > 0 && node[ends[k - 1]] == unkNode) end = ends[--k];
            unknown(word.substring(start, end), out);
            start = end;
        }
    }

    private void unknown(String text, IdBuffer out) {
        Integer id = ids.get(text);
        if (id != null) {
            out.add(id);
            return;
        }
        if (byteFallback) {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            boolean all = true;
            for (byte b : bytes) all &= byteIds[b & 0xFF] >= 0;
            if (all) {
                for (byte b : bytes) out.add(byteIds[b & 0xFF]);
                return;
            }
        }
        if (unkId >= 0) out.add(unkId);
    }

    @Override
    public int tokenToId(String token) {
        Integer id = ids.get(token);
        return id == null ? -1 : id;
    }

    @Override
    public String idToToken(int id) {
        return id >= 0 && id < pieces.length ? pieces[id] : null;
    }

    @Override
    public int vocabSize() {
        return pieces.length;
    }

    /** The score of a piece id. */
    public double score(int id) {
        return scores[id];
    }
}

package dev.strata.tokenizer.hf.model;

import dev.strata.tokenizer.bpe.BpeMerger;
import dev.strata.tokenizer.bpe.ByteLevelAlphabet;
import dev.strata.tokenizer.bpe.PairRankMap;
import dev.strata.tokenizer.bpe.WordIdCache;
import dev.strata.tokenizer.ids.IdBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Hugging Face's BPE model: each character of a word starts as its vocabulary id (or its UTF-8 bytes as
 * {@code <0xHH>} tokens with byte fallback, or unk, fused when configured), then merges apply by rank.
 * Results for short words are cached, as HF does.
 */
public final class BpeModel implements TokenModel {
    private static final int CACHE_LIMIT = 200_000;
    private static final int CACHEABLE_LENGTH = 64;
    private static final int RAW_CACHE_ENTRIES = 1 << 16;

    private final Vocabulary vocab;
    private final PairRankMap merges;
    private final int unkId;
    private final boolean fuseUnk;
    private final boolean ignoreMerges;
    private final int[] byteIds; // null without byte fallback
    private final ConcurrentHashMap<String, int[]> cache = new ConcurrentHashMap<>();
    /** Byte-level words by their text before the byte-to-char mapping: see {@link #tokenizeByteLevelWord}. */
    private final WordIdCache rawWords = new WordIdCache(RAW_CACHE_ENTRIES);
    private final ThreadLocal<BpeMerger> mergers;

    public BpeModel(Vocabulary vocab, PairRankMap merges, int unkId, boolean fuseUnk, boolean byteFallback, boolean ignoreMerges) {
        this.vocab = vocab;
        this.merges = merges;
        this.unkId = unkId;
        this.fuseUnk = fuseUnk;
        this.ignoreMerges = ignoreMerges;
        int[] bytes = null;
        if (byteFallback) {
            bytes = new int[256];
            for (int b = 0; b < 256; b++) bytes[b] = vocab.id(String.format("<0x%02X>", b));
        }
        this.byteIds = bytes;
        this.mergers = ThreadLocal.withInitial(() -> new BpeMerger(merges));
    }

    public Vocabulary vocabulary() {
        return vocab;
    }

    public PairRankMap merges() {
        return merges;
    }

    @Override
    public void tokenize(String word, IdBuffer out) {
        if (ignoreMerges) {
            int whole = vocab.id(word);
            if (whole >= 0) {
                out.add(whole);
                return;
            }
        }
        boolean cacheable = word.length() <= CACHEABLE_LENGTH;
        if (cacheable) {
            int[] hit = cache.get(word);
            if (hit != null) {
                out.addAll(hit);
                return;
            }
        }
        int start = out.size();
        initialSymbols(word, out);
        int[] a = out.array();
        int end = mergers.get().merge(a, start, out.size());
        out.setSize(end);
        if (cacheable && cache.size() < CACHE_LIMIT) {
            cache.put(word, java.util.Arrays.copyOfRange(out.array(), start, end));
        }
    }

    /**
     * The ids of the word {@code text[start, end)} as the byte-level pre-tokenizer would hand it over (its UTF-8
     * bytes mapped to {@link ByteLevelAlphabet} chars), without building that string when the word was seen
     * before: the cache is keyed by the unmapped text, which the mapping determines one to one. This keeps the
     * hot loop of byte-level encoding free of allocation; a first sighting takes the ordinary path.
     */
    public void tokenizeByteLevelWord(String text, int start, int end, IdBuffer out) {
        int[] hit = rawWords.get(text, start, end);
        if (hit != null) {
            out.addAll(hit);
            return;
        }
        int mark = out.size();
        tokenize(ByteLevelAlphabet.encode(text.substring(start, end)), out);
        if (end - start <= CACHEABLE_LENGTH) rawWords.put(text.substring(start, end), java.util.Arrays.copyOfRange(out.array(), mark, out.size()));
    }

    private void initialSymbols(String word, IdBuffer out) {
        boolean lastWasUnk = false;
        for (int i = 0; i < word.length(); ) {
            int cp = word.codePointAt(i);
            i += Character.charCount(cp);
            int id = vocab.idOfCodePoint(cp);
            if (id >= 0) {
                out.add(id);
                lastWasUnk = false;
                continue;
            }
            if (byteIds != null && addBytes(cp, out)) {
                lastWasUnk = false;
                continue;
            }
            if (unkId >= 0) {
                if (!(fuseUnk && lastWasUnk)) out.add(unkId);
                lastWasUnk = true;
            }
        }
    }

    private boolean addBytes(int cp, IdBuffer out) {
        byte[] utf8 = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
        for (byte b : utf8) if (byteIds[b & 0xFF] < 0) return false;
        for (byte b : utf8) out.add(byteIds[b & 0xFF]);
        return true;
    }

    @Override
    public int tokenToId(String token) {
        return vocab.id(token);
    }

    @Override
    public String idToToken(int id) {
        return vocab.token(id);
    }

    @Override
    public int vocabSize() {
        return vocab.size();
    }
}

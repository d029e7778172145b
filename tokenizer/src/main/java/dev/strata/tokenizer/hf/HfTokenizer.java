package dev.strata.tokenizer.hf;

import dev.strata.tokenizer.Tokenizer;
import dev.strata.tokenizer.bpe.ByteLevelAlphabet;
import dev.strata.tokenizer.bpe.Utf8;
import dev.strata.tokenizer.hf.added.AddedToken;
import dev.strata.tokenizer.hf.added.AddedTokenMatcher;
import dev.strata.tokenizer.hf.decoder.Decoder;
import dev.strata.tokenizer.hf.decoder.Decoders;
import dev.strata.tokenizer.hf.model.BpeModel;
import dev.strata.tokenizer.hf.model.TokenModel;
import dev.strata.tokenizer.hf.normalizer.Normalizer;
import dev.strata.tokenizer.hf.pretokenizer.ByteLevel;
import dev.strata.tokenizer.hf.pretokenizer.Piece;
import dev.strata.tokenizer.hf.pretokenizer.PreTokenizer;
import dev.strata.tokenizer.hf.pretokenizer.SequencePreTokenizer;
import dev.strata.tokenizer.hf.processor.PostProcessor;
import dev.strata.tokenizer.ids.IdBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * A tokenizer built from a Hugging Face {@code tokenizer.json}: the same pipeline as the Rust library — added
 * tokens split out first, then normalizer, pre-tokenizer, model, post-processor; decoding through the decoder
 * chain — so that ids are identical to Hugging Face's.
 */
public final class HfTokenizer implements Tokenizer {
    private final AddedTokenMatcher rawAdded;
    private final AddedTokenMatcher normalizedAdded;
    private final Map<Integer, AddedToken> addedById;
    private final Normalizer normalizer;   // may be null
    private final PreTokenizer preTokenizer; // may be null
    private final TokenModel model;
    private final PostProcessor postProcessor;
    private final Decoder decoder;         // may be null
    private final TokenBytesRule bytesRule;
    private final int vocabSize;
    /** Set when the pre-tokenizer ends in a byte-level step feeding BPE: words then go by range, see encodeInto. */
    private final ByteLevel byteLevelLast;
    private final PreTokenizer beforeByteLevel; // may be null
    private final int bos;
    private final int eos;

    HfTokenizer(List<AddedToken> added, Normalizer normalizer, PreTokenizer preTokenizer, TokenModel model,
                PostProcessor postProcessor, Decoder decoder, TokenBytesRule bytesRule, int bos, int eos) {
        this(added, java.util.Set.of(), normalizer, preTokenizer, model, postProcessor, decoder, bytesRule, bos, eos);
    }

    /** {@code notMatched}: ids of added tokens that are never recognized in text (SentencePiece control pieces). */
    HfTokenizer(List<AddedToken> added, java.util.Set<Integer> notMatched, Normalizer normalizer, PreTokenizer preTokenizer,
                TokenModel model, PostProcessor postProcessor, Decoder decoder, TokenBytesRule bytesRule, int bos, int eos) {
        this.normalizer = normalizer;
        this.preTokenizer = preTokenizer;
        this.model = model;
        this.postProcessor = postProcessor;
        this.decoder = decoder;
        this.bytesRule = bytesRule;
        this.addedById = new HashMap<>();
        List<AddedToken> raw = new ArrayList<>(), norm = new ArrayList<>();
        List<String> rawPatterns = new ArrayList<>(), normPatterns = new ArrayList<>();
        int size = model.vocabSize();
        for (AddedToken t : added) {
            addedById.put(t.id(), t);
            size = Math.max(size, t.id() + 1);
            if (notMatched.contains(t.id())) continue;
            if (t.normalized()) {
                norm.add(t);
                normPatterns.add(normalizer == null ? t.content() : normalizer.normalize(t.content()));
            } else {
                raw.add(t);
                rawPatterns.add(t.content());
            }
        }
        this.vocabSize = size;
        this.rawAdded = new AddedTokenMatcher(raw, rawPatterns);
        this.normalizedAdded = new AddedTokenMatcher(norm, normPatterns);
        this.bos = bos;
        this.eos = eos;
        ByteLevel last = null;
        PreTokenizer before = null;
        if (model instanceof BpeModel) {
            if (preTokenizer instanceof ByteLevel b) {
                last = b;
            } else if (preTokenizer instanceof SequencePreTokenizer seq && !seq.steps().isEmpty()
                && seq.steps().getLast() instanceof ByteLevel b) {
                last = b;
                before = seq.steps().size() == 1 ? null : new SequencePreTokenizer(seq.steps().subList(0, seq.steps().size() - 1));
            }
        }
        this.byteLevelLast = last;
        this.beforeByteLevel = before;
    }

    /** A SentencePiece BPE model (.model file) in this pipeline: see {@link SentencePieceBuilder}. */
    public static HfTokenizer fromSentencePiece(java.nio.file.Path file, dev.strata.tokenizer.sentencepiece.SentencePieceModel m) {
        return SentencePieceBuilder.build(file, m);
    }

    /** The vocabulary embedded in a GGUF file (tokenizer.ggml.*): see {@link GgufVocabBuilder}. */
    public static HfTokenizer fromGguf(dev.strata.tokenizer.gguf.GgufMetadata metadata) {
        return GgufVocabBuilder.build(metadata);
    }

    public TokenModel model() {
        return model;
    }

    @Override
    public int[] encode(String text, boolean addSpecialTokens) {
        IdBuffer out = new IdBuffer(text.length() / 3 + 8);
        if (addSpecialTokens) out.addAll(postProcessor.prefix());
        encodeInto(text, out);
        if (addSpecialTokens) out.addAll(postProcessor.suffix());
        return out.toArray();
    }

    /** Appends the ids of {@code text} (no special tokens added) to {@code out}. */
    public void encodeInto(String text, IdBuffer out) {
        text = Utf8.replaceLoneSurrogates(text);
        List<AddedTokenMatcher.Segment> segments = new ArrayList<>();
        rawAdded.split(text, 0, segments);
        List<AddedTokenMatcher.Segment> subs = new ArrayList<>();
        List<Piece> words = new ArrayList<>();
        for (AddedTokenMatcher.Segment s : segments) {
            if (s.id() >= 0) {
                out.add(s.id());
                continue;
            }
            String normalized = normalizer == null ? s.text() : normalizer.normalize(s.text());
            subs.clear();
            normalizedAdded.split(normalized, s.start(), subs);
            for (AddedTokenMatcher.Segment n : subs) {
                if (n.id() >= 0) {
                    out.add(n.id());
                    continue;
                }
                Piece piece = new Piece(n.text(), s.start() == 0 && n.start() == s.start());
                if (byteLevelLast != null) {
                    encodeByteLevel(piece, words, out);
                    continue;
                }
                if (preTokenizer == null) {
                    model.tokenize(piece.text(), out);
                    continue;
                }
                words.clear();
                preTokenizer.split(piece, words);
                for (Piece w : words) model.tokenize(w.text(), out);
            }
        }
    }

    /** Byte-level BPE without a string per word: cached words cost a hash lookup and a copy of their ids. */
    private void encodeByteLevel(Piece piece, List<Piece> words, IdBuffer out) {
        BpeModel bpe = (BpeModel) model;
        ByteLevel.WordVisitor visitor = (text, start, end) -> bpe.tokenizeByteLevelWord(text, start, end, out);
        if (beforeByteLevel == null) {
            byteLevelLast.forEachWord(piece, visitor);
            return;
        }
        words.clear();
        beforeByteLevel.split(piece, words);
        for (Piece w : words) byteLevelLast.forEachWord(w, visitor);
    }

    @Override
    public String decode(int[] ids, boolean skipSpecialTokens) {
        List<String> tokens = new ArrayList<>(ids.length);
        for (int id : ids) {
            AddedToken a = addedById.get(id);
            if (a != null) {
                if (!(skipSpecialTokens && a.special())) tokens.add(a.content());
                continue;
            }
            String t = model.idToToken(id);
            if (t == null) throw new IllegalArgumentException("token id " + id + " is outside the vocabulary 0.." + (vocabSize - 1));
            tokens.add(t);
        }
        if (decoder == null) return String.join(" ", tokens);
        return String.join("", decoder.decodeChain(tokens));
    }

    @Override
    public int vocabSize() {
        return vocabSize;
    }

    @Override
    public String piece(int id) {
        AddedToken a = addedById.get(id);
        if (a != null) return a.content();
        String t = model.idToToken(id);
        if (t == null) throw new IllegalArgumentException("token id " + id + " is outside the vocabulary 0.." + (vocabSize - 1));
        return t;
    }

    @Override
    public byte[] tokenBytes(int id) {
        return bytesOf(id, false);
    }

    /** Context from the previous id only: the text starts at the beginning or right after BOS. */
    @Override
    public byte[] tokenBytesAfter(int previousId, int id) {
        return bytesOf(id, previousId < 0 || previousId == bos);
    }

    /** Exact in a stream: the decoder strips the first space of the whole text, wherever specials were. */
    @Override
    public byte[] tokenBytesInStream(int previousId, int id, boolean textStarted) {
        return bytesOf(id, !textStarted);
    }

    private byte[] bytesOf(int id, boolean atStart) {
        if (isSpecial(id)) return new byte[0];
        String t = piece(id);
        return switch (bytesRule) {
            case BYTE_LEVEL -> addedById.containsKey(id) ? t.getBytes(StandardCharsets.UTF_8) : ByteLevelAlphabet.decode(t);
            case SENTENCEPIECE, SENTENCEPIECE_KEEP_FIRST_SPACE -> {
                int b = Decoders.byteToken(t);
                if (b >= 0) yield new byte[] {(byte) b};
                String s = t.replace('\u2581', ' ');
                if (atStart && bytesRule == TokenBytesRule.SENTENCEPIECE && s.startsWith(" ")) s = s.substring(1);
                yield s.getBytes(StandardCharsets.UTF_8);
            }
            case WORDPIECE -> {
                if (t.startsWith("##")) yield t.substring(2).getBytes(StandardCharsets.UTF_8);
                yield Decoders.cleanup((atStart ? "" : " ") + t).getBytes(StandardCharsets.UTF_8);
            }
            case PLAIN -> t.getBytes(StandardCharsets.UTF_8);
        };
    }

    @Override
    public boolean isSpecial(int id) {
        AddedToken a = addedById.get(id);
        return a != null && a.special();
    }

    @Override
    public OptionalInt bosTokenId() {
        return bos >= 0 ? OptionalInt.of(bos) : OptionalInt.empty();
    }

    @Override
    public OptionalInt eosTokenId() {
        return eos >= 0 ? OptionalInt.of(eos) : OptionalInt.empty();
    }

    /** The id of a token string (added tokens first), or -1. */
    public int tokenToId(String token) {
        for (AddedToken a : addedById.values()) if (a.content().equals(token)) return a.id();
        return model.tokenToId(token);
    }
}

package dev.strata.tokenizer.tiktoken;

import dev.strata.tokenizer.Tokenizer;
import dev.strata.tokenizer.TokenizerFormatException;
import dev.strata.tokenizer.bpe.BpeMerger;
import dev.strata.tokenizer.bpe.WordIdCache;
import dev.strata.tokenizer.bpe.PairRankMap;
import dev.strata.tokenizer.bpe.Utf8;
import dev.strata.tokenizer.hf.added.AddedToken;
import dev.strata.tokenizer.hf.added.AddedTokenMatcher;
import dev.strata.tokenizer.ids.IdBuffer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.regex.Matcher;

/**
 * OpenAI's tiktoken encodings (cl100k_base, o200k_base) and Meta's Llama 3 from a rank file ({@code base64
 * rank} per line): regex split, then byte-pair merging where the pair whose concatenation has the lowest rank
 * merges first. A word that is itself a token is one id, as in tiktoken.
 */
public final class TiktokenTokenizer implements Tokenizer {
    private final TiktokenFlavor flavor;
    private final byte[][] tokenBytes;
    private final Map<String, Integer> idsByBytes; // bytes as Latin-1 string
    private final int[] byteIds = new int[256];
    private final PairRankMap pairs;
    private final ThreadLocal<BpeMerger> mergers;
    /** Words already encoded, by their text: a repeated word costs a lookup, no substring or byte array. */
    private final WordIdCache words = new WordIdCache(1 << 16);
    private static final int CACHEABLE_LENGTH = 64;
    private final AddedTokenMatcher specialMatcher;
    private final Map<Integer, String> specialsById = new HashMap<>();
    private final int vocabSize;

    private TiktokenTokenizer(TiktokenFlavor flavor, byte[][] tokens) {
        this.flavor = flavor;
        this.tokenBytes = tokens;
        this.idsByBytes = new HashMap<>(tokens.length * 2);
        for (int i = 0; i < tokens.length; i++) if (tokens[i] != null) idsByBytes.put(latin1(tokens[i]), i);
        java.util.Arrays.fill(byteIds, -1);
        for (int b = 0; b < 256; b++) byteIds[b] = idsByBytes.getOrDefault(String.valueOf((char) b), -1);
        // every split of a token into two tokens is a pair that merges into it, at the token's rank
        int count = 0;
        for (byte[] t : tokens) if (t != null) count += Math.max(0, t.length - 1);
        this.pairs = new PairRankMap(count);
        for (int id = 0; id < tokens.length; id++) {
            byte[] t = tokens[id];
            if (t == null || t.length < 2) continue;
            String s = latin1(t);
            for (int k = 1; k < t.length; k++) {
                Integer l = idsByBytes.get(s.substring(0, k)), r = idsByBytes.get(s.substring(k));
                if (l != null && r != null) pairs.putIfAbsent(l, r, id, id);
            }
        }
        this.mergers = ThreadLocal.withInitial(() -> new BpeMerger(pairs));
        List<AddedToken> added = new ArrayList<>();
        List<String> patterns = new ArrayList<>();
        int size = tokens.length;
        for (var e : flavor.specials().entrySet()) {
            added.add(new AddedToken(e.getValue(), e.getKey(), true, false, false, false, false));
            patterns.add(e.getKey());
            specialsById.put(e.getValue(), e.getKey());
            size = Math.max(size, e.getValue() + 1);
        }
        this.specialMatcher = new AddedTokenMatcher(added, patterns);
        this.vocabSize = size;
    }

    /** Reads a rank file; the flavor comes from the number of ranks unless given. */
    public static TiktokenTokenizer load(Path file, TiktokenFlavor flavor) {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(file, in.readAllBytes(), flavor);
        } catch (IOException e) {
            throw new TokenizerFormatException(file, "cannot read: " + e.getMessage(), e);
        }
    }

    public static TiktokenTokenizer parse(Path file, byte[] data, TiktokenFlavor flavor) {
        String text = new String(data, StandardCharsets.US_ASCII);
        List<byte[]> byRank = new ArrayList<>();
        int line = 0;
        for (String l : text.split("\n")) {
            line++;
            if (l.isBlank()) continue;
            int sp = l.indexOf(' ');
            if (sp <= 0) throw new TokenizerFormatException(file, "line " + line + ": expected \"<base64> <rank>\"");
            byte[] bytes;
            int rank;
            try {
                bytes = Base64.getDecoder().decode(l.substring(0, sp));
                rank = Integer.parseInt(l.substring(sp + 1).strip());
            } catch (IllegalArgumentException e) {
                throw new TokenizerFormatException(file, "line " + line + ": " + e.getMessage());
            }
            if (rank < 0 || rank > 10_000_000) throw new TokenizerFormatException(file, "line " + line + ": rank " + rank + " out of range");
            while (byRank.size() <= rank) byRank.add(null);
            if (byRank.get(rank) != null) throw new TokenizerFormatException(file, "line " + line + ": rank " + rank + " appears twice");
            byRank.set(rank, bytes);
        }
        if (byRank.isEmpty()) throw new TokenizerFormatException(file, "no ranks");
        TiktokenFlavor f = flavor != null ? flavor : TiktokenFlavor.forRankCount(byRank.size());
        if (f == null) {
            throw new TokenizerFormatException(file, byRank.size() + " ranks match no known encoding (cl100k_base, o200k_base, llama3, r50k/p50k)");
        }
        return new TiktokenTokenizer(f, byRank.toArray(byte[][]::new));
    }

    public TiktokenFlavor flavor() {
        return flavor;
    }

    /** Encodes treating special-token text as ordinary text (tiktoken's {@code encode_ordinary}). */
    public int[] encodeOrdinary(String text) {
        IdBuffer out = new IdBuffer(text.length() / 3 + 8);
        encodeOrdinaryInto(Utf8.replaceLoneSurrogates(text), out);
        return out.toArray();
    }

    @Override
    public int[] encode(String text, boolean addSpecialTokens) {
        text = Utf8.replaceLoneSurrogates(text);
        IdBuffer out = new IdBuffer(text.length() / 3 + 8);
        if (addSpecialTokens && flavor.bos() != null) out.add(flavor.specials().get(flavor.bos()));
        List<AddedTokenMatcher.Segment> segs = new ArrayList<>();
        specialMatcher.split(text, 0, segs);
        for (AddedTokenMatcher.Segment s : segs) {
            if (s.id() >= 0) out.add(s.id());
            else encodeOrdinaryInto(s.text(), out);
        }
        return out.toArray();
    }

    private void encodeOrdinaryInto(String text, IdBuffer out) {
        Matcher m = flavor.pattern().matcher(text);
        BpeMerger merger = mergers.get();
        while (m.find()) {
            int[] hit = words.get(text, m.start(), m.end());
            if (hit != null) {
                out.addAll(hit);
                continue;
            }
            String word = text.substring(m.start(), m.end());
            int start = out.size();
            encodeWord(word, merger, out);
            if (word.length() <= CACHEABLE_LENGTH) words.put(word, java.util.Arrays.copyOfRange(out.array(), start, out.size()));
        }
    }

    /** One regex match: its bytes as a single rank if there is one, else byte ranks merged by rank. */
    private void encodeWord(String word, BpeMerger merger, IdBuffer out) {
        byte[] piece = word.getBytes(StandardCharsets.UTF_8);
        Integer whole = piece.length > 1 ? idsByBytes.get(latin1(piece)) : null;
        if (whole != null) {
            out.add(whole);
            return;
        }
        int start = out.size();
        int[] a = out.ensure(start + piece.length);
        for (int i = 0; i < piece.length; i++) a[start + i] = byteIds[piece[i] & 0xFF];
        out.setSize(merger.merge(a, start, start + piece.length));
    }

    @Override
    public String decode(int[] ids, boolean skipSpecialTokens) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int id : ids) {
            String special = specialsById.get(id);
            if (special != null) {
                if (!skipSpecialTokens) out.writeBytes(special.getBytes(StandardCharsets.UTF_8));
                continue;
            }
            out.writeBytes(bytesOf(id));
        }
        return Utf8.decode(out.toByteArray());
    }

    private byte[] bytesOf(int id) {
        if (id < 0 || id >= vocabSize || (id >= tokenBytes.length && !specialsById.containsKey(id)) || (id < tokenBytes.length && tokenBytes[id] == null)) {
            throw new IllegalArgumentException("token id " + id + " is outside the vocabulary 0.." + (vocabSize - 1));
        }
        return tokenBytes[id];
    }

    @Override
    public int vocabSize() {
        return vocabSize;
    }

    @Override
    public String piece(int id) {
        String special = specialsById.get(id);
        return special != null ? special : latin1(bytesOf(id));
    }

    @Override
    public byte[] tokenBytes(int id) {
        return specialsById.containsKey(id) ? new byte[0] : bytesOf(id).clone();
    }

    @Override
    public boolean isSpecial(int id) {
        return specialsById.containsKey(id);
    }

    @Override
    public OptionalInt bosTokenId() {
        return flavor.bos() == null ? OptionalInt.empty() : OptionalInt.of(flavor.specials().get(flavor.bos()));
    }

    @Override
    public OptionalInt eosTokenId() {
        return flavor.eos() == null ? OptionalInt.empty() : OptionalInt.of(flavor.specials().get(flavor.eos()));
    }

    /** The id of a special token by name, or -1. */
    public int specialId(String name) {
        return flavor.specials().getOrDefault(name, -1);
    }

    private static String latin1(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }
}

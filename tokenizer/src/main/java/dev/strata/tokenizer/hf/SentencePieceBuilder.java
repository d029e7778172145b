package dev.strata.tokenizer.hf;

import dev.strata.tokenizer.TokenizerFormatException;
import dev.strata.tokenizer.bpe.PairRankMap;
import dev.strata.tokenizer.hf.added.AddedToken;
import dev.strata.tokenizer.hf.decoder.Decoders;
import dev.strata.tokenizer.hf.model.BpeModel;
import dev.strata.tokenizer.hf.model.Vocabulary;
import dev.strata.tokenizer.hf.normalizer.Normalizer;
import dev.strata.tokenizer.hf.processor.PostProcessor;
import dev.strata.tokenizer.sentencepiece.SentencePieceModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds the pipeline of a SentencePiece BPE model: whitespace normalization ("▁", dummy prefix), the pieces'
 * scores as merge priorities (every split of a piece into two pieces merges into it; a higher score merges
 * first, equal scores leftmost first, as sentencepiece's {@code bpe_model.cc}), byte fallback, control pieces
 * that decode to nothing and are never matched in text, user-defined pieces that are.
 */
final class SentencePieceBuilder {
    private SentencePieceBuilder() {
    }

    static HfTokenizer build(Path file, SentencePieceModel m) {
        List<SentencePieceModel.Piece> pieces = m.pieces();
        Map<String, Integer> ids = new LinkedHashMap<>();
        for (int i = 0; i < pieces.size(); i++) ids.putIfAbsent(pieces.get(i).text(), i);
        Vocabulary vocab = new Vocabulary(ids);
        // dense rank of the score, highest first
        float[] distinct = new float[pieces.size()];
        for (int i = 0; i < distinct.length; i++) distinct[i] = -pieces.get(i).score();
        float[] sorted = distinct.clone();
        Arrays.sort(sorted);
        int count = 0;
        for (var p : pieces) count += Math.max(0, p.text().length() - 1);
        PairRankMap pairs = new PairRankMap(Math.max(16, count));
        for (int id = 0; id < pieces.size(); id++) {
            SentencePieceModel.Piece p = pieces.get(id);
            if (p.type() != SentencePieceModel.NORMAL && p.type() != SentencePieceModel.USER_DEFINED) continue;
            String t = p.text();
            int rank = Arrays.binarySearch(sorted, -p.score());
            while (rank > 0 && sorted[rank - 1] == -p.score()) rank--;
            for (int k = 1; k < t.length(); k++) {
                if (Character.isLowSurrogate(t.charAt(k))) continue;
                int l = vocab.id(t.substring(0, k)), r = vocab.id(t.substring(k));
                if (l >= 0 && r >= 0 && mergeable(pieces.get(l)) && mergeable(pieces.get(r))) pairs.putIfAbsent(l, r, rank, id);
            }
        }
        int unk = m.unkId() >= 0 && m.unkId() < pieces.size() ? m.unkId() : -1;
        if (m.byteFallback() && vocab.id("<0x00>") < 0) {
            throw new TokenizerFormatException(file, "entry trainer_spec.byte_fallback: set, but the pieces have no <0x00>..<0xFF>");
        }
        BpeModel model = new BpeModel(vocab, pairs, unk, true, m.byteFallback(), false);
        List<AddedToken> added = new ArrayList<>();
        Set<Integer> notMatched = new HashSet<>();
        for (int id = 0; id < pieces.size(); id++) {
            SentencePieceModel.Piece p = pieces.get(id);
            if (p.type() == SentencePieceModel.CONTROL || p.type() == SentencePieceModel.UNKNOWN) {
                added.add(new AddedToken(id, p.text(), true, false, false, false, false));
                notMatched.add(id);
            } else if (p.type() == SentencePieceModel.USER_DEFINED) {
                added.add(new AddedToken(id, p.text(), false, false, false, false, true));
            }
        }
        Normalizer norm = whitespace(m);
        int bos = m.bosId() >= 0 && m.bosId() < pieces.size() ? m.bosId() : -1;
        int eos = m.eosId() >= 0 && m.eosId() < pieces.size() ? m.eosId() : -1;
        PostProcessor post = bos >= 0 ? PostProcessor.of(new int[] {bos}, new int[0]) : PostProcessor.NONE;
        List<dev.strata.tokenizer.hf.decoder.Decoder> dec = new ArrayList<>(List.of(Decoders.replace("\u2581", " "),
            Decoders.byteFallback(), Decoders.fuse()));
        if (m.addDummyPrefix()) dec.add(Decoders.strip(' ', 1, 0));
        return new HfTokenizer(added, notMatched, norm, null, model, post, Decoders.sequence(dec),
            m.addDummyPrefix() ? TokenBytesRule.SENTENCEPIECE : TokenBytesRule.SENTENCEPIECE_KEEP_FIRST_SPACE, bos, eos);
    }

    private static boolean mergeable(SentencePieceModel.Piece p) {
        return p.type() == SentencePieceModel.NORMAL || p.type() == SentencePieceModel.USER_DEFINED;
    }

    /** sentencepiece's order: collapse extra whitespace, add the dummy prefix, escape spaces as "▁". */
    private static Normalizer whitespace(SentencePieceModel m) {
        return text -> {
            String t = text;
            if (m.removeExtraWhitespaces()) t = t.strip().replaceAll(" +", " ");
            if (t.isEmpty()) return t;
            if (m.addDummyPrefix()) t = " " + t;
            if (m.escapeWhitespaces()) t = t.replace(' ', '\u2581');
            return t;
        };
    }
}

package dev.strata.tokenizer.hf;

import dev.strata.tokenizer.TokenizerFormatException;
import dev.strata.tokenizer.bpe.PairRankMap;
import dev.strata.tokenizer.gguf.GgufMetadata;
import dev.strata.tokenizer.hf.added.AddedToken;
import dev.strata.tokenizer.hf.decoder.Decoders;
import dev.strata.tokenizer.hf.model.BpeModel;
import dev.strata.tokenizer.hf.model.Vocabulary;
import dev.strata.tokenizer.hf.model.WordPieceModel;
import dev.strata.tokenizer.hf.normalizer.BertNormalizer;
import dev.strata.tokenizer.hf.pretokenizer.ByteLevel;
import dev.strata.tokenizer.hf.pretokenizer.CharClassSplit;
import dev.strata.tokenizer.hf.pretokenizer.PreTokenizer;
import dev.strata.tokenizer.hf.pretokenizer.RegexSplit;
import dev.strata.tokenizer.hf.pretokenizer.SequencePreTokenizer;
import dev.strata.tokenizer.hf.pretokenizer.SplitBehavior;
import dev.strata.tokenizer.hf.processor.PostProcessor;
import dev.strata.tokenizer.sentencepiece.SentencePieceModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A vocabulary embedded in a GGUF file ({@code tokenizer.ggml.*}) as a tokenizer: "llama" (SentencePiece BPE by
 * scores), "gpt2" (byte-level BPE with the pre-tokenizer that {@code tokenizer.ggml.pre} names, as llama.cpp
 * defines them) and "bert" (WordPiece; llama.cpp stores word starts with "▁" and continuations bare).
 */
final class GgufVocabBuilder {
    private static final int FLAGS = Pattern.UNICODE_CHARACTER_CLASS;
    private static final String GPT2 = "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+";

    private GgufVocabBuilder() {
    }

    static HfTokenizer build(GgufMetadata g) {
        String model = g.getString("tokenizer.ggml.model");
        String[] tokens = g.getStringArray("tokenizer.ggml.tokens");
        int[] types = g.has("tokenizer.ggml.token_type") ? g.getIntArray("tokenizer.ggml.token_type") : null;
        if (types != null && types.length != tokens.length) {
            throw new TokenizerFormatException(g.file(), "entry tokenizer.ggml.token_type: " + types.length + " types for " + tokens.length + " tokens");
        }
        return switch (model) {
            case "llama" -> llama(g, tokens, types);
            case "gpt2" -> gpt2(g, tokens, types);
            case "bert" -> bert(g, tokens, types);
            default -> throw new TokenizerFormatException(g.file(), "entry tokenizer.ggml.model: \"" + model
                + "\" is not supported (llama, gpt2, bert)");
        };
    }

    private static int id(GgufMetadata g, String key, int dflt) {
        return g.has(key) ? g.getInt(key) : dflt;
    }

    private static HfTokenizer llama(GgufMetadata g, String[] tokens, int[] types) {
        float[] scores = g.getFloatArray("tokenizer.ggml.scores");
        if (scores.length != tokens.length) throw new TokenizerFormatException(g.file(), "entry tokenizer.ggml.scores: length differs from tokens");
        List<SentencePieceModel.Piece> pieces = new ArrayList<>(tokens.length);
        boolean byteFallback = false;
        for (int i = 0; i < tokens.length; i++) {
            int type = types == null ? SentencePieceModel.NORMAL : types[i];
            byteFallback |= type == SentencePieceModel.BYTE;
            pieces.add(new SentencePieceModel.Piece(tokens[i], scores[i], type));
        }
        boolean prefix = !g.has("tokenizer.ggml.add_space_prefix") || g.getBool("tokenizer.ggml.add_space_prefix");
        SentencePieceModel m = new SentencePieceModel(pieces, SentencePieceModel.BPE, byteFallback,
            id(g, "tokenizer.ggml.unknown_token_id", 0), id(g, "tokenizer.ggml.bos_token_id", 1),
            id(g, "tokenizer.ggml.eos_token_id", 2), "identity", prefix, false, true);
        return SentencePieceBuilder.build(g.file(), m);
    }

    /** llama.cpp's pre-tokenizer regexes (llama-vocab.cpp), each splitting what the previous one produced. */
    static List<String> preRegexes(String pre) {
        return switch (pre) {
            case "default", "gpt-2", "mpt", "olmo", "jais" -> List.of(GPT2);
            case "starcoder", "refact", "command-r", "smollm", "codeshell" -> List.of("\\p{N}", GPT2);
            case "falcon" -> List.of("[\\p{P}\\$\\+<=>\\^~\\|`]+", GPT2, "[0-9][0-9][0-9]");
            case "deepseek-coder" -> List.of("[\\r\\n]", "\\s?\\p{L}+", "\\s?\\p{P}+", "[\u4e00-\u9fa5\u0800-\u4e00\uac00-\ud7ff]+", "\\p{N}");
            case "llama3", "llama-bpe", "smaug-bpe" -> List.of(
                "(?:'[sS]|'[tT]|'[rR][eE]|'[vV][eE]|'[mM]|'[lL][lL]|'[dD])|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}{1,3}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+");
            case "qwen2" -> List.of(
                "(?:'[sS]|'[tT]|'[rR][eE]|'[vV][eE]|'[mM]|'[lL][lL]|'[dD])|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+");
            default -> null;
        };
    }

    private static HfTokenizer gpt2(GgufMetadata g, String[] tokens, int[] types) {
        String pre = g.has("tokenizer.ggml.pre") ? g.getString("tokenizer.ggml.pre") : "default";
        List<String> regexes = preRegexes(pre);
        if (regexes == null) throw new TokenizerFormatException(g.file(), "entry tokenizer.ggml.pre: \"" + pre + "\" is not supported");
        Map<String, Integer> ids = new LinkedHashMap<>();
        for (int i = 0; i < tokens.length; i++) ids.putIfAbsent(tokens[i], i);
        Vocabulary vocab = new Vocabulary(ids);
        String[] merges = g.getStringArray("tokenizer.ggml.merges");
        PairRankMap ranks = new PairRankMap(merges.length);
        for (int i = 0; i < merges.length; i++) {
            String s = merges[i];
            int sp = s.indexOf(' ', 1);
            if (sp < 0) throw new TokenizerFormatException(g.file(), "entry tokenizer.ggml.merges[" + i + "]: \"" + s + "\" is not two tokens");
            String a = s.substring(0, sp), b = s.substring(sp + 1);
            int ia = vocab.id(a), ib = vocab.id(b), im = vocab.id(a + b);
            if (ia < 0 || ib < 0 || im < 0) throw new TokenizerFormatException(g.file(), "entry tokenizer.ggml.merges[" + i + "]: token not in the vocabulary");
            ranks.putIfAbsent(ia, ib, i, im);
        }
        BpeModel model = new BpeModel(vocab, ranks, -1, false, false, false);
        List<PreTokenizer> steps = new ArrayList<>();
        for (String r : regexes) steps.add(new RegexSplit(Pattern.compile(r, FLAGS), null, SplitBehavior.ISOLATED, false));
        steps.add(new ByteLevel(false, false));
        List<AddedToken> added = new ArrayList<>();
        for (int i = 0; types != null && i < tokens.length; i++) {
            if (types[i] == SentencePieceModel.CONTROL || types[i] == SentencePieceModel.USER_DEFINED) {
                added.add(new AddedToken(i, tokens[i], types[i] == SentencePieceModel.CONTROL, false, false, false, false));
            }
        }
        int bos = id(g, "tokenizer.ggml.bos_token_id", -1), eos = id(g, "tokenizer.ggml.eos_token_id", -1);
        boolean addBos = g.has("tokenizer.ggml.add_bos_token") && g.getBool("tokenizer.ggml.add_bos_token");
        PostProcessor post = addBos && bos >= 0 ? PostProcessor.of(new int[] {bos}, new int[0]) : PostProcessor.NONE;
        return new HfTokenizer(added, null, new SequencePreTokenizer(steps), model, post, Decoders.byteLevel(),
            TokenBytesRule.BYTE_LEVEL, bos, eos);
    }

    private static HfTokenizer bert(GgufMetadata g, String[] tokens, int[] types) {
        Map<String, Integer> ids = new LinkedHashMap<>();
        List<AddedToken> added = new ArrayList<>();
        for (int i = 0; i < tokens.length; i++) {
            String t = tokens[i];
            boolean control = types != null && types[i] == SentencePieceModel.CONTROL;
            String word = control ? t : t.startsWith("\u2581") ? t.substring(1) : "##" + t;
            ids.putIfAbsent(word, i);
            if (control) added.add(new AddedToken(i, t, true, false, false, false, false));
        }
        Vocabulary vocab = new Vocabulary(ids);
        int unk = id(g, "tokenizer.ggml.unknown_token_id", vocab.id("[UNK]"));
        int cls = id(g, "tokenizer.ggml.cls_token_id", vocab.id("[CLS]"));
        int sep = id(g, "tokenizer.ggml.seperator_token_id", vocab.id("[SEP]"));
        WordPieceModel model = new WordPieceModel(vocab, unk, "##", 100);
        return new HfTokenizer(added, new BertNormalizer(true, true, true, true), CharClassSplit.bert(), model,
            PostProcessor.of(new int[] {cls}, new int[] {sep}), Decoders.wordPiece("##", true), TokenBytesRule.WORDPIECE, cls, sep);
    }
}

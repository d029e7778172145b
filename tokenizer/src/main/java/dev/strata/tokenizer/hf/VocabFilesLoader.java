package dev.strata.tokenizer.hf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.strata.tokenizer.TokenizerFormatException;
import dev.strata.tokenizer.bpe.PairRankMap;
import dev.strata.tokenizer.hf.added.AddedToken;
import dev.strata.tokenizer.hf.decoder.Decoders;
import dev.strata.tokenizer.hf.model.BpeModel;
import dev.strata.tokenizer.hf.model.Vocabulary;
import dev.strata.tokenizer.hf.model.WordPieceModel;
import dev.strata.tokenizer.hf.normalizer.BertNormalizer;
import dev.strata.tokenizer.hf.pretokenizer.ByteLevel;
import dev.strata.tokenizer.hf.pretokenizer.CharClassSplit;
import dev.strata.tokenizer.hf.processor.PostProcessor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The pre-tokenizer.json formats: GPT-2's {@code vocab.json} + {@code merges.txt} pair (byte-level BPE) and
 * BERT's {@code vocab.txt} (uncased WordPiece), built with the same pipeline HF's slow-to-fast conversion gives.
 */
public final class VocabFilesLoader {
    private VocabFilesLoader() {
    }

    /** GPT-2: {@code vocab.json} with {@code merges.txt} beside it. */
    public static HfTokenizer gpt2(Path vocabJson, Path mergesTxt) {
        Map<String, Integer> ids = new LinkedHashMap<>();
        try {
            JsonNode v = new ObjectMapper().readTree(Files.readAllBytes(vocabJson));
            if (v == null || !v.isObject()) throw new TokenizerFormatException(vocabJson, "not a JSON object of token: id");
            var it = v.fields();
            while (it.hasNext()) {
                var e = it.next();
                if (!e.getValue().canConvertToInt()) throw new TokenizerFormatException(vocabJson, "entry \"" + e.getKey() + "\": id is not an int");
                ids.put(e.getKey(), e.getValue().asInt());
            }
        } catch (IOException e) {
            throw new TokenizerFormatException(vocabJson, "cannot read JSON: " + e.getMessage(), e);
        }
        Vocabulary vocab = new Vocabulary(ids);
        List<String> lines;
        try {
            lines = Files.readAllLines(mergesTxt, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new TokenizerFormatException(mergesTxt, "cannot read: " + e.getMessage(), e);
        }
        PairRankMap merges = new PairRankMap(lines.size());
        int rank = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith("#version") || line.isEmpty()) continue;
            String[] ab = line.split(" ");
            if (ab.length != 2) throw new TokenizerFormatException(mergesTxt, "line " + (i + 1) + ": \"" + line + "\" is not two tokens");
            int a = vocab.id(ab[0]), b = vocab.id(ab[1]), m = vocab.id(ab[0] + ab[1]);
            if (a < 0 || b < 0 || m < 0) throw new TokenizerFormatException(mergesTxt, "line " + (i + 1) + ": a token of \"" + line + "\" is not in " + vocabJson.getFileName());
            merges.putIfAbsent(a, b, rank++, m);
        }
        BpeModel model = new BpeModel(vocab, merges, -1, false, false, false);
        List<AddedToken> added = new ArrayList<>();
        int eot = vocab.id("<|endoftext|>");
        if (eot >= 0) added.add(new AddedToken(eot, "<|endoftext|>", true, false, false, false, false));
        return new HfTokenizer(added, null, new ByteLevel(false, true), model, PostProcessor.NONE, Decoders.byteLevel(),
            TokenBytesRule.BYTE_LEVEL, eot, eot);
    }

    /** BERT uncased: one token per line of {@code vocab.txt}, id = line number. */
    public static HfTokenizer bertUncased(Path vocabTxt) {
        List<String> lines;
        try {
            lines = Files.readAllLines(vocabTxt, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new TokenizerFormatException(vocabTxt, "cannot read: " + e.getMessage(), e);
        }
        Map<String, Integer> ids = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) ids.putIfAbsent(lines.get(i), i);
        Vocabulary vocab = new Vocabulary(ids);
        List<AddedToken> added = new ArrayList<>();
        for (String s : List.of("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]")) {
            int id = vocab.id(s);
            if (id < 0) throw new TokenizerFormatException(vocabTxt, "entry " + s + ": missing from the vocabulary");
            added.add(new AddedToken(id, s, true, false, false, false, false));
        }
        WordPieceModel model = new WordPieceModel(vocab, vocab.id("[UNK]"), "##", 100);
        PostProcessor post = PostProcessor.of(new int[] {vocab.id("[CLS]")}, new int[] {vocab.id("[SEP]")});
        return new HfTokenizer(added, new BertNormalizer(true, true, true, true), CharClassSplit.bert(), model, post,
            Decoders.wordPiece("##", true), TokenBytesRule.WORDPIECE, vocab.id("[CLS]"), vocab.id("[SEP]"));
    }
}

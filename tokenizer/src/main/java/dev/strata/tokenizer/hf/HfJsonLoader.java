package dev.strata.tokenizer.hf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.strata.tokenizer.TokenizerFormatException;
import dev.strata.tokenizer.bpe.PairRankMap;
import dev.strata.tokenizer.hf.added.AddedToken;
import dev.strata.tokenizer.hf.decoder.Decoder;
import dev.strata.tokenizer.hf.decoder.Decoders;
import dev.strata.tokenizer.hf.model.BpeModel;
import dev.strata.tokenizer.hf.model.TokenModel;
import dev.strata.tokenizer.hf.model.UnigramModel;
import dev.strata.tokenizer.hf.model.Vocabulary;
import dev.strata.tokenizer.hf.model.WordPieceModel;
import dev.strata.tokenizer.hf.normalizer.BertNormalizer;
import dev.strata.tokenizer.hf.normalizer.Lowercase;
import dev.strata.tokenizer.hf.normalizer.Normalizer;
import dev.strata.tokenizer.hf.normalizer.Precompiled;
import dev.strata.tokenizer.hf.normalizer.PrecompiledCharsMap;
import dev.strata.tokenizer.hf.normalizer.Prepend;
import dev.strata.tokenizer.hf.normalizer.Replace;
import dev.strata.tokenizer.hf.normalizer.SequenceNormalizer;
import dev.strata.tokenizer.hf.normalizer.Strip;
import dev.strata.tokenizer.hf.normalizer.UnicodeForm;
import dev.strata.tokenizer.hf.pretokenizer.ByteLevel;
import dev.strata.tokenizer.hf.pretokenizer.CharClassSplit;
import dev.strata.tokenizer.hf.pretokenizer.Metaspace;
import dev.strata.tokenizer.hf.pretokenizer.PreTokenizer;
import dev.strata.tokenizer.hf.pretokenizer.RegexSplit;
import dev.strata.tokenizer.hf.pretokenizer.SequencePreTokenizer;
import dev.strata.tokenizer.hf.pretokenizer.SplitBehavior;
import dev.strata.tokenizer.hf.processor.PostProcessor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads a Hugging Face {@code tokenizer.json} into an {@link HfTokenizer}. Every component is checked as it is
 * read; an unsupported or malformed one fails with the file and the JSON path of the entry (e.g.
 * {@code model.merges[12]}).
 */
public final class HfJsonLoader {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path file;

    private HfJsonLoader(Path file) {
        this.file = file;
    }

    public static HfTokenizer load(Path file) {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new TokenizerFormatException(file, "not valid JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) throw new TokenizerFormatException(file, "top level is not a JSON object");
        return new HfJsonLoader(file).build(root);
    }

    private TokenizerFormatException bad(String entry, String problem) {
        return new TokenizerFormatException(file, "entry " + entry + ": " + problem);
    }

    private HfTokenizer build(JsonNode root) {
        JsonNode modelNode = root.get("model");
        if (modelNode == null || !modelNode.isObject()) throw bad("model", "missing or not an object");
        List<AddedToken> added = addedTokens(root.get("added_tokens"));
        Normalizer normalizer = normalizer(root.get("normalizer"), "normalizer");
        PreTokenizer pre = preTokenizer(root.get("pre_tokenizer"), "pre_tokenizer");
        TokenModel model = model(modelNode);
        Map<String, Integer> ids = new LinkedHashMap<>();
        for (AddedToken t : added) ids.putIfAbsent(t.content(), t.id());
        PostProcessor post = postProcessor(root.get("post_processor"), "post_processor", model, ids);
        JsonNode decNode = root.get("decoder");
        Decoder decoder = decoder(decNode, "decoder");
        TokenBytesRule rule = bytesRule(decNode, model);
        int bos = post.prefix().length > 0 ? post.prefix()[0] : find(model, ids, "<s>", "<|begin_of_text|>", "<bos>", "[CLS]");
        int eos = post.suffix().length > 0 ? post.suffix()[post.suffix().length - 1]
            : find(model, ids, "</s>", "<|end_of_text|>", "<|endoftext|>", "<eos>", "[SEP]");
        return new HfTokenizer(added, normalizer, pre, model, post, decoder, rule, bos, eos);
    }

    private static int find(TokenModel model, Map<String, Integer> added, String... names) {
        for (String n : names) {
            Integer id = added.get(n);
            if (id != null) return id;
            int m = model.tokenToId(n);
            if (m >= 0) return m;
        }
        return -1;
    }

    private List<AddedToken> addedTokens(JsonNode node) {
        List<AddedToken> out = new ArrayList<>();
        if (node == null || node.isNull()) return out;
        if (!node.isArray()) throw bad("added_tokens", "not an array");
        for (int i = 0; i < node.size(); i++) {
            JsonNode t = node.get(i);
            String e = "added_tokens[" + i + "]";
            if (!t.has("id") || !t.get("id").canConvertToInt() || t.get("id").asInt() < 0) throw bad(e + ".id", "missing or not a non-negative int");
            if (!t.has("content") || !t.get("content").isTextual()) throw bad(e + ".content", "missing or not a string");
            out.add(new AddedToken(t.get("id").asInt(), t.get("content").asText(), t.path("special").asBoolean(false),
                t.path("single_word").asBoolean(false), t.path("lstrip").asBoolean(false), t.path("rstrip").asBoolean(false),
                t.path("normalized").asBoolean(!t.path("special").asBoolean(false))));
        }
        return out;
    }

    private String type(JsonNode n, String entry) {
        JsonNode t = n.get("type");
        if (t == null || !t.isTextual()) throw bad(entry + ".type", "missing");
        return t.asText();
    }

    private Normalizer normalizer(JsonNode n, String entry) {
        if (n == null || n.isNull()) return null;
        String type = type(n, entry);
        return switch (type) {
            case "Sequence" -> {
                List<Normalizer> steps = new ArrayList<>();
                JsonNode arr = n.get("normalizers");
                if (arr == null || !arr.isArray()) throw bad(entry + ".normalizers", "missing array");
                for (int i = 0; i < arr.size(); i++) {
                    Normalizer s = normalizer(arr.get(i), entry + ".normalizers[" + i + "]");
                    if (s != null) steps.add(s);
                }
                yield new SequenceNormalizer(steps);
            }
            case "Prepend" -> new Prepend(text(n, "prepend", entry));
            case "Replace" -> {
                JsonNode p = n.get("pattern");
                String content = text(n, "content", entry);
                if (p != null && p.has("String")) yield Replace.literal(p.get("String").asText(), content);
                if (p != null && p.has("Regex")) yield Replace.regex(regex(p.get("Regex").asText(), entry + ".pattern.Regex"), content);
                throw bad(entry + ".pattern", "needs String or Regex");
            }
            case "BertNormalizer" -> {
                boolean lower = n.path("lowercase").asBoolean(true);
                JsonNode sa = n.get("strip_accents");
                boolean strip = sa == null || sa.isNull() ? lower : sa.asBoolean();
                yield new BertNormalizer(n.path("clean_text").asBoolean(true), n.path("handle_chinese_chars").asBoolean(true), strip, lower);
            }
            case "Lowercase" -> new Lowercase();
            case "NFC" -> new UnicodeForm(java.text.Normalizer.Form.NFC);
            case "NFD" -> new UnicodeForm(java.text.Normalizer.Form.NFD);
            case "NFKC" -> new UnicodeForm(java.text.Normalizer.Form.NFKC);
            case "NFKD" -> new UnicodeForm(java.text.Normalizer.Form.NFKD);
            case "Strip" -> new Strip(n.path("strip_left").asBoolean(true), n.path("strip_right").asBoolean(true));
            case "StripAccents" -> Strip.accents();
            case "Precompiled" -> precompiled(n, entry);
            default -> throw bad(entry + ".type", "unsupported normalizer \"" + type + "\"");
        };
    }

    private Precompiled precompiled(JsonNode n, String entry) {
        String e = entry + ".precompiled_charsmap";
        JsonNode map = n.get("precompiled_charsmap");
        if (map == null || !map.isTextual()) throw bad(e, "missing or not a base64 string");
        byte[] bytes;
        try {
            bytes = java.util.Base64.getDecoder().decode(map.asText());
        } catch (IllegalArgumentException ex) {
            throw bad(e, "not valid base64: " + ex.getMessage());
        }
        try {
            return new Precompiled(PrecompiledCharsMap.parse(bytes));
        } catch (IllegalArgumentException ex) {
            throw bad(e, ex.getMessage());
        }
    }

    private String text(JsonNode n, String field, String entry) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual()) throw bad(entry + "." + field, "missing or not a string");
        return v.asText();
    }

    private Pattern regex(String source, String entry) {
        try {
            return Pattern.compile(source, Pattern.UNICODE_CHARACTER_CLASS);
        } catch (PatternSyntaxException e) {
            throw bad(entry, "regex does not compile: " + e.getDescription());
        }
    }

    private PreTokenizer preTokenizer(JsonNode n, String entry) {
        if (n == null || n.isNull()) return null;
        String type = type(n, entry);
        return switch (type) {
            case "Sequence" -> {
                List<PreTokenizer> steps = new ArrayList<>();
                JsonNode arr = n.get("pretokenizers");
                if (arr == null || !arr.isArray()) throw bad(entry + ".pretokenizers", "missing array");
                for (int i = 0; i < arr.size(); i++) {
                    PreTokenizer p = preTokenizer(arr.get(i), entry + ".pretokenizers[" + i + "]");
                    if (p != null) steps.add(p);
                }
                yield new SequencePreTokenizer(steps);
            }
            case "ByteLevel" -> new ByteLevel(n.path("add_prefix_space").asBoolean(true), n.path("use_regex").asBoolean(true));
            case "Split" -> {
                JsonNode p = n.get("pattern");
                SplitBehavior b = behavior(n, entry, "Isolated");
                boolean invert = n.path("invert").asBoolean(false);
                if (p != null && p.has("String")) yield new RegexSplit(null, p.get("String").asText(), b, invert);
                if (p != null && p.has("Regex")) yield new RegexSplit(regex(p.get("Regex").asText(), entry + ".pattern.Regex"), null, b, invert);
                throw bad(entry + ".pattern", "needs String or Regex");
            }
            case "Punctuation" -> CharClassSplit.punctuation(behavior(n, entry, "Isolated"));
            case "Digits" -> CharClassSplit.digits(n.path("individual_digits").asBoolean(false));
            case "WhitespaceSplit" -> CharClassSplit.whitespaceSplit();
            case "Whitespace" -> new RegexSplit(Pattern.compile("\\w+|[^\\w\\s]+", Pattern.UNICODE_CHARACTER_CLASS), null,
                SplitBehavior.REMOVED, true);
            case "BertPreTokenizer" -> CharClassSplit.bert();
            case "Metaspace" -> {
                String rep = n.has("replacement") ? n.get("replacement").asText() : "\u2581";
                Metaspace.Prepend scheme;
                if (n.has("prepend_scheme")) {
                    scheme = switch (n.get("prepend_scheme").asText()) {
                        case "always" -> Metaspace.Prepend.ALWAYS;
                        case "first" -> Metaspace.Prepend.FIRST;
                        case "never" -> Metaspace.Prepend.NEVER;
                        default -> throw bad(entry + ".prepend_scheme", "unknown \"" + n.get("prepend_scheme").asText() + "\"");
                    };
                } else {
                    scheme = n.path("add_prefix_space").asBoolean(true) ? Metaspace.Prepend.ALWAYS : Metaspace.Prepend.NEVER;
                }
                yield new Metaspace(rep, scheme, n.path("split").asBoolean(true));
            }
            default -> throw bad(entry + ".type", "unsupported pre-tokenizer \"" + type + "\"");
        };
    }

    private SplitBehavior behavior(JsonNode n, String entry, String dflt) {
        try {
            return SplitBehavior.parse(n.path("behavior").asText(dflt));
        } catch (IllegalArgumentException e) {
            throw bad(entry + ".behavior", e.getMessage());
        }
    }

    private TokenModel model(JsonNode m) {
        String type = m.has("type") ? m.get("type").asText() : null;
        if (type == null) {
            if (m.has("merges")) type = "BPE";
            else if (m.path("vocab").isArray()) type = "Unigram";
            else if (m.has("continuing_subword_prefix")) type = "WordPiece";
            else throw bad("model.type", "missing and not inferable");
        }
        JsonNode vocabNode = m.get("vocab");
        return switch (type) {
            case "BPE" -> bpe(m, vocab(vocabNode));
            case "WordPiece" -> {
                Vocabulary v = vocab(vocabNode);
                String unk = m.path("unk_token").asText("[UNK]");
                int unkId = v.id(unk);
                if (unkId < 0) throw bad("model.unk_token", "\"" + unk + "\" is not in the vocabulary");
                yield new WordPieceModel(v, unkId, m.path("continuing_subword_prefix").asText("##"),
                    m.path("max_input_chars_per_word").asInt(100));
            }
            case "Unigram" -> unigram(m);
            default -> throw bad("model.type", "unsupported model \"" + type + "\" (supported: BPE, WordPiece, Unigram)");
        };
    }

    /** {@code vocab} is a list of [piece, score]; {@code unk_id} an index into it or null. */
    private UnigramModel unigram(JsonNode m) {
        JsonNode v = m.get("vocab");
        if (v == null || !v.isArray()) throw bad("model.vocab", "missing or not an array of [piece, score]");
        List<String> pieces = new ArrayList<>(v.size());
        double[] scores = new double[v.size()];
        for (int i = 0; i < v.size(); i++) {
            JsonNode e = v.get(i);
            String entry = "model.vocab[" + i + "]";
            if (!e.isArray() || e.size() != 2) throw bad(entry, "not a [piece, score] pair: " + abbreviate(e.toString()));
            if (!e.get(0).isTextual()) throw bad(entry + "[0]", "piece is not a string: " + abbreviate(e.get(0).toString()));
            if (!e.get(1).isNumber()) throw bad(entry + "[1]", "score is not a number: " + abbreviate(e.get(1).toString()));
            double score = e.get(1).asDouble();
            if (Double.isNaN(score)) throw bad(entry + "[1]", "score is NaN");
            pieces.add(e.get(0).asText());
            scores[i] = score;
        }
        JsonNode unk = m.get("unk_id");
        int unkId = -1;
        if (unk != null && !unk.isNull()) {
            if (!unk.canConvertToInt() || !unk.isIntegralNumber() || unk.asInt() < 0) throw bad("model.unk_id", "not a non-negative int: " + unk);
            unkId = unk.asInt();
            if (pieces.isEmpty()) throw bad("model.vocab", "empty, but unk_id is set");
            if (unkId >= pieces.size()) throw bad("model.unk_id", unkId + " is not below the vocabulary size " + pieces.size());
        }
        JsonNode fallback = m.get("byte_fallback");
        if (fallback != null && !fallback.isNull() && !fallback.isBoolean()) throw bad("model.byte_fallback", "not a boolean");
        return new UnigramModel(pieces, scores, unkId, fallback != null && fallback.asBoolean(false));
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }

    private Vocabulary vocab(JsonNode v) {
        if (v == null || !v.isObject()) throw bad("model.vocab", "missing or not an object");
        Map<String, Integer> ids = new LinkedHashMap<>(v.size() * 2);
        var it = v.fields();
        while (it.hasNext()) {
            var e = it.next();
            if (!e.getValue().canConvertToInt() || e.getValue().asInt() < 0) {
                throw bad("model.vocab[\"" + e.getKey() + "\"]", "id is not a non-negative int");
            }
            ids.put(e.getKey(), e.getValue().asInt());
        }
        return new Vocabulary(ids);
    }

    private BpeModel bpe(JsonNode m, Vocabulary v) {
        if (!m.path("continuing_subword_prefix").asText("").isEmpty() || !m.path("end_of_word_suffix").asText("").isEmpty()) {
            throw bad("model.continuing_subword_prefix", "BPE with subword prefix/suffix is not supported");
        }
        if (!m.path("dropout").isNull() && !m.path("dropout").isMissingNode() && m.path("dropout").asDouble() != 0) {
            throw bad("model.dropout", "BPE dropout is not supported (not deterministic)");
        }
        JsonNode merges = m.get("merges");
        if (merges == null || !merges.isArray()) throw bad("model.merges", "missing or not an array");
        PairRankMap ranks = new PairRankMap(merges.size());
        for (int i = 0; i < merges.size(); i++) {
            JsonNode e = merges.get(i);
            String a, b;
            if (e.isTextual()) {
                String s = e.asText();
                int sp = s.indexOf(' ');
                if (sp < 0 || s.indexOf(' ', sp + 1) >= 0) throw bad("model.merges[" + i + "]", "\"" + s + "\" is not two tokens separated by one space");
                a = s.substring(0, sp);
                b = s.substring(sp + 1);
            } else if (e.isArray() && e.size() == 2) {
                a = e.get(0).asText();
                b = e.get(1).asText();
            } else {
                throw bad("model.merges[" + i + "]", "neither \"a b\" nor [a, b]");
            }
            int ia = v.id(a), ib = v.id(b), im = v.id(a + b);
            if (ia < 0 || ib < 0 || im < 0) {
                throw bad("model.merges[" + i + "]", "token \"" + (ia < 0 ? a : ib < 0 ? b : a + b) + "\" is not in the vocabulary");
            }
            ranks.putIfAbsent(ia, ib, i, im);
        }
        int unkId = -1;
        JsonNode unk = m.get("unk_token");
        if (unk != null && unk.isTextual()) {
            unkId = v.id(unk.asText());
        }
        return new BpeModel(v, ranks, unkId, m.path("fuse_unk").asBoolean(false), m.path("byte_fallback").asBoolean(false),
            m.path("ignore_merges").asBoolean(false));
    }

    private PostProcessor postProcessor(JsonNode n, String entry, TokenModel model, Map<String, Integer> added) {
        if (n == null || n.isNull()) return PostProcessor.NONE;
        String type = type(n, entry);
        return switch (type) {
            case "TemplateProcessing" -> template(n, entry);
            case "BertProcessing", "RobertaProcessing" -> {
                int cls = pairId(n.get("cls"), entry + ".cls");
                int sep = pairId(n.get("sep"), entry + ".sep");
                yield PostProcessor.of(new int[] {cls}, new int[] {sep});
            }
            case "ByteLevel" -> PostProcessor.NONE;
            case "Sequence" -> {
                List<int[]> pre = new ArrayList<>(), suf = new ArrayList<>();
                JsonNode arr = n.get("processors");
                for (int i = 0; arr != null && i < arr.size(); i++) {
                    PostProcessor p = postProcessor(arr.get(i), entry + ".processors[" + i + "]", model, added);
                    pre.add(p.prefix());
                    suf.add(p.suffix());
                }
                yield PostProcessor.of(concat(pre), concat(suf));
            }
            default -> throw bad(entry + ".type", "unsupported post-processor \"" + type + "\"");
        };
    }

    private static int[] concat(List<int[]> parts) {
        return parts.stream().flatMapToInt(java.util.Arrays::stream).toArray();
    }

    private int pairId(JsonNode pair, String entry) {
        if (pair == null || !pair.isArray() || pair.size() != 2 || !pair.get(1).canConvertToInt()) throw bad(entry, "not [token, id]");
        return pair.get(1).asInt();
    }

    private PostProcessor template(JsonNode n, String entry) {
        JsonNode single = n.get("single");
        JsonNode specials = n.get("special_tokens");
        if (single == null || !single.isArray()) throw bad(entry + ".single", "missing array");
        List<Integer> prefix = new ArrayList<>(), suffix = new ArrayList<>();
        boolean seenSequence = false;
        for (int i = 0; i < single.size(); i++) {
            JsonNode piece = single.get(i);
            if (piece.has("Sequence")) {
                seenSequence = true;
                continue;
            }
            JsonNode sp = piece.get("SpecialToken");
            if (sp == null) throw bad(entry + ".single[" + i + "]", "neither Sequence nor SpecialToken");
            String name = sp.path("id").asText();
            JsonNode def = specials == null ? null : specials.get(name);
            if (def == null || !def.path("ids").isArray()) throw bad(entry + ".special_tokens", "no ids for \"" + name + "\"");
            for (JsonNode id : def.get("ids")) (seenSequence ? suffix : prefix).add(id.asInt());
        }
        return PostProcessor.of(prefix.stream().mapToInt(Integer::intValue).toArray(),
            suffix.stream().mapToInt(Integer::intValue).toArray());
    }

    private Decoder decoder(JsonNode n, String entry) {
        if (n == null || n.isNull()) return null;
        String type = type(n, entry);
        return switch (type) {
            case "Sequence" -> {
                List<Decoder> steps = new ArrayList<>();
                JsonNode arr = n.get("decoders");
                if (arr == null || !arr.isArray()) throw bad(entry + ".decoders", "missing array");
                for (int i = 0; i < arr.size(); i++) steps.add(decoder(arr.get(i), entry + ".decoders[" + i + "]"));
                yield Decoders.sequence(steps);
            }
            case "ByteLevel" -> Decoders.byteLevel();
            case "Replace" -> {
                JsonNode p = n.get("pattern");
                if (p == null || !p.has("String")) throw bad(entry + ".pattern", "only String patterns are supported in decoders");
                yield Decoders.replace(p.get("String").asText(), text(n, "content", entry));
            }
            case "ByteFallback" -> Decoders.byteFallback();
            case "Fuse" -> Decoders.fuse();
            case "Strip" -> {
                String c = text(n, "content", entry);
                if (c.length() != 1) throw bad(entry + ".content", "must be one char");
                yield Decoders.strip(c.charAt(0), n.path("start").asInt(0), n.path("stop").asInt(0));
            }
            case "Metaspace" -> {
                String rep = n.has("replacement") ? n.get("replacement").asText() : "\u2581";
                boolean prefix = n.has("prepend_scheme") ? !"never".equals(n.get("prepend_scheme").asText())
                    : n.path("add_prefix_space").asBoolean(true);
                yield Decoders.metaspace(rep, prefix);
            }
            case "WordPiece" -> Decoders.wordPiece(n.path("prefix").asText("##"), n.path("cleanup").asBoolean(true));
            default -> throw bad(entry + ".type", "unsupported decoder \"" + type + "\"");
        };
    }

    private TokenBytesRule bytesRule(JsonNode dec, TokenModel model) {
        if (dec == null || dec.isNull()) return TokenBytesRule.PLAIN;
        String s = dec.toString();
        if (s.contains("\"ByteLevel\"")) return TokenBytesRule.BYTE_LEVEL;
        if (s.contains("\"WordPiece\"")) return TokenBytesRule.WORDPIECE;
        if (s.contains("\"Metaspace\"")) return TokenBytesRule.SENTENCEPIECE;
        if (s.contains("\u2581")) return s.contains("\"Strip\"") ? TokenBytesRule.SENTENCEPIECE : TokenBytesRule.SENTENCEPIECE_KEEP_FIRST_SPACE;
        return TokenBytesRule.PLAIN;
    }
}

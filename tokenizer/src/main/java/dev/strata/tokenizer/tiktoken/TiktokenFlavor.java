package dev.strata.tokenizer.tiktoken;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What a bare rank file does not say: the split regex and the special tokens of an encoding. Chosen by the
 * number of ranks (cl100k_base, o200k_base, Meta's Llama 3, GPT-2's r50k/p50k).
 */
public record TiktokenFlavor(String name, Pattern pattern, Map<String, Integer> specials, String bos, String eos) {

    static final int FLAGS = Pattern.UNICODE_CHARACTER_CLASS;

    public static final String CL100K_PATTERN =
        "'(?i:[sdmt]|ll|ve|re)|[^\\r\\n\\p{L}\\p{N}]?+\\p{L}+|\\p{N}{1,3}| ?[^\\s\\p{L}\\p{N}]++[\\r\\n]*|\\s*[\\r\\n]|\\s+(?!\\S)|\\s+";
    public static final String O200K_PATTERN = String.join("|",
        "[^\\r\\n\\p{L}\\p{N}]?[\\p{Lu}\\p{Lt}\\p{Lm}\\p{Lo}\\p{M}]*[\\p{Ll}\\p{Lm}\\p{Lo}\\p{M}]+(?i:'s|'t|'re|'ve|'m|'ll|'d)?",
        "[^\\r\\n\\p{L}\\p{N}]?[\\p{Lu}\\p{Lt}\\p{Lm}\\p{Lo}\\p{M}]+[\\p{Ll}\\p{Lm}\\p{Lo}\\p{M}]*(?i:'s|'t|'re|'ve|'m|'ll|'d)?",
        "\\p{N}{1,3}", " ?[^\\s\\p{L}\\p{N}]+[\\r\\n/]*", "\\s*[\\r\\n]+", "\\s+(?!\\S)", "\\s+");
    public static final String LLAMA3_PATTERN =
        "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}{1,3}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";
    public static final String GPT2_PATTERN = "'(?:[sdmt]|ll|ve|re)| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+";

    public static TiktokenFlavor cl100k() {
        Map<String, Integer> s = new LinkedHashMap<>();
        s.put("<|endoftext|>", 100257);
        s.put("<|fim_prefix|>", 100258);
        s.put("<|fim_middle|>", 100259);
        s.put("<|fim_suffix|>", 100260);
        s.put("<|endofprompt|>", 100276);
        return new TiktokenFlavor("cl100k_base", Pattern.compile(CL100K_PATTERN, FLAGS), s, null, "<|endoftext|>");
    }

    public static TiktokenFlavor o200k() {
        Map<String, Integer> s = new LinkedHashMap<>();
        s.put("<|endoftext|>", 199999);
        s.put("<|endofprompt|>", 200018);
        return new TiktokenFlavor("o200k_base", Pattern.compile(O200K_PATTERN, FLAGS), s, null, "<|endoftext|>");
    }

    /** Meta's Llama 3: 128000 ranks then 256 special tokens (names as in Meta's tokenizer.py). */
    public static TiktokenFlavor llama3() {
        List<String> names = new ArrayList<>(List.of("<|begin_of_text|>", "<|end_of_text|>", "<|reserved_special_token_0|>",
            "<|reserved_special_token_1|>", "<|reserved_special_token_2|>", "<|reserved_special_token_3|>",
            "<|start_header_id|>", "<|end_header_id|>", "<|reserved_special_token_4|>", "<|eot_id|>"));
        for (int i = 5; i < 256 - 5; i++) names.add("<|reserved_special_token_" + i + "|>");
        Map<String, Integer> s = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) s.put(names.get(i), 128000 + i);
        return new TiktokenFlavor("llama3", Pattern.compile(LLAMA3_PATTERN, FLAGS), s, "<|begin_of_text|>", "<|eot_id|>");
    }

    public static TiktokenFlavor gpt2(int ranks) {
        return new TiktokenFlavor(ranks == 50280 ? "p50k_base" : "r50k_base", Pattern.compile(GPT2_PATTERN, FLAGS),
            Map.of("<|endoftext|>", 50256), null, "<|endoftext|>");
    }

    /** The flavor of a rank file with {@code ranks} entries, or null when unknown. */
    public static TiktokenFlavor forRankCount(int ranks) {
        return switch (ranks) {
            case 100256 -> cl100k();
            case 199998 -> o200k();
            case 128000 -> llama3();
            case 50256, 50280 -> gpt2(ranks);
            default -> null;
        };
    }
}

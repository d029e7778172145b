package dev.strata.benchmarks.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The two 1 MB inputs of the tokenizer benchmark, built from ../shared: English = SciFact abstracts (real
 * scientific prose) until 1 MiB of UTF-8; mixed-script = the 83 multilingual conformance texts (CJK, Arabic,
 * Hebrew, Devanagari, Thai, emoji/ZWJ, code) interleaved with English abstracts, repeated to 1 MiB.
 */
public final class BenchTexts {
    public static final int SIZE = 1 << 20;

    private BenchTexts() {
    }

    public static String english(Path shared) {
        StringBuilder sb = new StringBuilder(SIZE + 4096);
        for (String abs : abstracts(shared, Integer.MAX_VALUE)) {
            sb.append(abs).append("\n\n");
            if (utf8Length(sb) >= SIZE) break;
        }
        return cut(sb.toString());
    }

    public static String mixed(Path shared) {
        List<String> multi = new ArrayList<>();
        try {
            for (JsonNode n : new ObjectMapper().readTree(shared.resolve("models/conformance/inputs.json").toFile())) {
                multi.add(n.get("text").asText());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> english = abstracts(shared, 2000);
        StringBuilder sb = new StringBuilder(SIZE + 4096);
        int e = 0;
        while (utf8Length(sb) < SIZE) {
            for (String m : multi) {
                sb.append(m).append('\n');
                if (multi.indexOf(m) % 8 == 0) sb.append(english.get(e++ % english.size())).append('\n');
            }
        }
        return cut(sb.toString());
    }

    private static List<String> abstracts(Path shared, int max) {
        List<String> out = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        try (BufferedReader r = Files.newBufferedReader(shared.resolve("data/scifact/corpus.jsonl"), StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null && out.size() < max) out.add(json.readTree(line).get("text").asText());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static int utf8Length(CharSequence s) {
        return s.toString().getBytes(StandardCharsets.UTF_8).length;
    }

    /** Cuts to at most SIZE UTF-8 bytes on a code point boundary. */
    private static String cut(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        if (b.length <= SIZE) return s;
        int end = SIZE;
        while (end > 0 && (b[end] & 0xC0) == 0x80) end--;
        return new String(b, 0, end, StandardCharsets.UTF_8);
    }
}

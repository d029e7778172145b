package dev.strata.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Test access to the read-only model files of ../shared/models and the multilingual corpus. */
public final class SharedModels {
    private SharedModels() {
    }

    public static Path models() {
        Path p = Path.of(System.getProperty("strata.shared", "../shared")).resolve("models");
        if (!Files.isDirectory(p)) throw new IllegalStateException("shared models not found at " + p.toAbsolutePath());
        return p;
    }

    public static Path model(String relative) {
        return models().resolve(relative);
    }

    /** The cases of src/test/resources/corpus/multilingual.txt (separated by a line holding only U+241E). */
    public static List<String> corpus() {
        try (InputStream in = SharedModels.class.getResourceAsStream("/corpus/multilingual.txt")) {
            String all = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return List.of(all.split("\n\u241E\n", -1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The 83 texts of conformance/inputs.json (swift-transformers' multilingual conformance set). */
    public static List<String> conformanceInputs() {
        List<String> out = new ArrayList<>();
        for (JsonNode n : json("conformance/inputs.json")) out.add(n.get("text").asText());
        return out;
    }

    /** Corpus plus conformance inputs: every text the exactness tests run. */
    public static List<String> allTexts() {
        List<String> all = new ArrayList<>(corpus());
        all.addAll(conformanceInputs());
        return all;
    }

    public static JsonNode json(String relative) {
        try {
            return new ObjectMapper().readTree(Files.readAllBytes(model(relative)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

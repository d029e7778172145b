package dev.strata.models.catalog;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Turns what a user typed ({@code --model stories260K}, or a path to a file or folder) into the files of a model.
 * A path is taken as it is; an id is looked up as a folder (or file) in each search root in order.
 */
public final class ModelResolver {
    private final List<Path> roots;

    /** @param roots folders holding one sub-folder per model, searched in order */
    public ModelResolver(List<Path> roots) {
        this.roots = List.copyOf(roots);
    }

    public ModelFiles resolve(String spec) {
        if (spec == null || spec.isBlank()) throw new ModelNotFoundException("no model given");
        Path asPath = Path.of(spec);
        if (Files.exists(asPath)) return inspect(asPath);
        if (asPath.isAbsolute() || spec.contains("/") || spec.contains("\\")) {
            throw new ModelNotFoundException(spec + ": no such file or folder");
        }
        List<String> looked = new ArrayList<>();
        for (Path root : roots) {
            Path candidate = root.resolve(spec);
            looked.add(candidate.toString());
            if (Files.exists(candidate)) return inspect(candidate);
        }
        throw new ModelNotFoundException("model '" + spec + "' not found; looked in: "
            + (looked.isEmpty() ? "(no model folders configured)" : String.join(", ", looked))
            + ". Pass --model PATH, set STRATA_MODELS, or set models.dir in the config");
    }

    /** Finds the checkpoint and tokenizer of a model file or folder. */
    public static ModelFiles inspect(Path path) {
        return inspect(path, true);
    }

    /**
     * Finds the checkpoint and format of a model file or folder without looking for a tokenizer (the caller has
     * one); the tokenizer of the result is null.
     */
    public static ModelFiles inspectCheckpoint(Path path) {
        return inspect(path, false);
    }

    private static ModelFiles inspect(Path path, boolean withTokenizer) {
        if (Files.isDirectory(path)) return inspectFolder(path, withTokenizer);
        String name = path.getFileName().toString();
        String id = name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : name;
        if (name.endsWith(".gguf")) return new ModelFiles(id, "gguf", path, null);
        if (name.endsWith(".safetensors")) return new ModelFiles(id, "safetensors", path, null);
        return new ModelFiles(id, "llama2c", path, withTokenizer ? llama2cTokenizerBeside(path) : null);
    }

    private static ModelFiles inspectFolder(Path dir, boolean withTokenizer) {
        String id = dir.getFileName() == null ? dir.toString() : dir.getFileName().toString();
        List<Path> files = list(dir);
        List<Path> gguf = files.stream().filter(p -> p.getFileName().toString().endsWith(".gguf")).toList();
        if (Files.exists(dir.resolve("config.json"))
            && files.stream().anyMatch(p -> p.getFileName().toString().endsWith(".safetensors"))) {
            return new ModelFiles(id, "safetensors", dir, null);
        }
        if (gguf.size() == 1) return new ModelFiles(id, "gguf", gguf.get(0), null);
        List<Path> bins = files.stream().filter(p -> p.getFileName().toString().endsWith(".bin"))
            .filter(p -> !isLlama2cTokenizerName(p.getFileName().toString())).toList();
        Path preferred = dir.resolve(id + ".bin");
        Path chosen = bins.contains(preferred) ? preferred : bins.size() == 1 ? bins.get(0) : null;
        if (chosen != null) return new ModelFiles(id, "llama2c", chosen, withTokenizer ? llama2cTokenizerBeside(chosen) : null);
        if (bins.isEmpty() && gguf.isEmpty()) {
            throw new ModelNotFoundException(dir + ": no checkpoint in this folder (expected a llama2.c .bin, a .gguf, "
                + "or .safetensors with config.json)");
        }
        throw new ModelNotFoundException(dir + ": several checkpoints (" + names(gguf.isEmpty() ? bins : gguf)
            + "); pass the file itself with --model");
    }

    private static Path llama2cTokenizerBeside(Path checkpoint) {
        Path dir = checkpoint.toAbsolutePath().getParent();
        Path standard = dir.resolve("tokenizer.bin");
        if (Files.isRegularFile(standard)) return standard;
        List<Path> candidates = list(dir).stream()
            .filter(p -> isLlama2cTokenizerName(p.getFileName().toString())).toList();
        if (candidates.size() == 1) return candidates.get(0);
        if (candidates.isEmpty()) {
            throw new ModelNotFoundException(checkpoint + ": no llama2.c tokenizer beside it (tokenizer.bin or tok*.bin); pass --tokenizer FILE");
        }
        throw new ModelNotFoundException(checkpoint + ": several tokenizers beside it (" + names(candidates) + "); pass --tokenizer FILE");
    }

    private static boolean isLlama2cTokenizerName(String name) {
        return name.equals("tokenizer.bin") || (name.startsWith("tok") && name.endsWith(".bin"));
    }

    private static List<Path> list(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new ModelNotFoundException(dir + ": cannot list: " + e.getMessage());
        }
    }

    private static String names(List<Path> paths) {
        return String.join(", ", paths.stream().map(p -> p.getFileName().toString()).toList());
    }
}

package dev.strata.cli.commands;

import dev.strata.cli.UserException;
import dev.strata.tokenizer.Tokenizer;
import dev.strata.tokenizer.TokenizerLoader;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code strata detokenize}: prints the text of a JSON array of token ids. */
@Command(name = "detokenize", mixinStandardHelpOptions = true, description = "Decode a JSON array of token ids into text.")
public final class DetokenizeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--tokenizer", required = true, paramLabel = "FILE", description = "Tokenizer file.")
    Path tokenizer;

    @Option(names = "--ids", required = true, paramLabel = "JSON", description = "Token ids as a JSON array, e.g. [1,403,407].")
    String ids;

    @Option(names = "--keep-special-tokens", description = "Write special tokens (BOS, EOS) as text instead of dropping them.")
    boolean keepSpecial;

    @Override
    public Integer call() {
        Tokenizer tok = TokenizerLoader.load(tokenizer);
        int[] parsed = parseIds(ids);
        for (int id : parsed) {
            if (id < 0 || id >= tok.vocabSize()) {
                throw new UserException("--ids: token id " + id + " is outside the vocabulary 0.." + (tok.vocabSize() - 1));
            }
        }
        spec.commandLine().getOut().println(tok.decode(parsed, !keepSpecial));
        return 0;
    }

    /** Parses a JSON array of integers, e.g. {@code [1, 2, 3]}. */
    static int[] parseIds(String json) {
        String s = json.strip();
        if (!s.startsWith("[") || !s.endsWith("]")) {
            throw new UserException("--ids: expected a JSON array of integers such as [1,2,3], got: " + abbreviate(s));
        }
        String body = s.substring(1, s.length() - 1).strip();
        if (body.isEmpty()) return new int[0];
        String[] parts = body.split(",");
        int[] out = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i].strip();
            try {
                out[i] = Integer.parseInt(p);
            } catch (NumberFormatException e) {
                throw new UserException("--ids: element " + i + " is not an integer: " + abbreviate(p));
            }
        }
        return out;
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}

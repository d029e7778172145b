package dev.strata.cli.commands;

import dev.strata.cli.UserException;
import dev.strata.tokenizer.TokenizerLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code strata tokenize}: prints the token ids of a text as a JSON array. */
@Command(name = "tokenize", mixinStandardHelpOptions = true,
    description = "Encode text into token ids, printed as a JSON array. No special tokens are added unless --add-special-tokens.")
public final class TokenizeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--tokenizer", required = true, paramLabel = "FILE", description = "Tokenizer file.")
    Path tokenizer;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Input input;

    static final class Input {
        @Option(names = "--text", paramLabel = "TEXT", description = "Text to encode.")
        String text;

        @Option(names = "--file", paramLabel = "FILE", description = "UTF-8 file whose content is encoded.")
        Path file;
    }

    @Option(names = "--add-special-tokens", description = "Add the tokenizer's special tokens (e.g. BOS).")
    boolean addSpecialTokens;

    @Override
    public Integer call() {
        String text = input.text;
        if (text == null) {
            try {
                text = Files.readString(input.file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UserException(input.file + ": cannot read: " + e.getMessage());
            }
        }
        int[] ids = TokenizerLoader.load(tokenizer).encode(text, addSpecialTokens);
        spec.commandLine().getOut().println(Arrays.stream(ids).mapToObj(Integer::toString).collect(Collectors.joining(",", "[", "]")));
        return 0;
    }
}

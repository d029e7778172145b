package dev.strata.cli.commands;

import dev.strata.cli.UserException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code strata model}: not part of this build yet (issue # inspect checkpoints, export to GGUF/safetensors, write random-init checkpoints.:4). */
@Command(name = "model", mixinStandardHelpOptions = true,
    description = {"Model utilities", "Not available in this build yet (issue # inspect checkpoints, export to GGUF/safetensors, write random-init checkpoints.:4)."})
public final class ModelCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UserException("strata model is not available in this build yet (issue # inspect checkpoints, export to GGUF/safetensors, write random-init checkpoints.:4)");
    }
}

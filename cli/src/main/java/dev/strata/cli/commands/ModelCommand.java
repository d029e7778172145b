package dev.strata.cli.commands;

import dev.strata.cli.commands.model.ModelExportCommand;
import dev.strata.cli.commands.model.ModelListCommand;
import dev.strata.cli.commands.model.ModelRandomCommand;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code strata model}: checkpoint utilities (the catalog, random-init checkpoints of real shapes, export to other formats). */
@Command(name = "model", mixinStandardHelpOptions = true,
    description = "Model utilities: list and verify the model catalog; write seeded random-init checkpoints of real shapes; "
        + "export a model to safetensors or GGUF.",
    subcommands = {ModelListCommand.class, ModelRandomCommand.class, ModelExportCommand.class})
public final class ModelCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }
}

package dev.strata.cli.commands.tools;

import dev.strata.cli.CliEnvironment;
import dev.strata.cli.UserException;
import dev.strata.tools.declaration.DeclarationException;
import dev.strata.tools.registry.ToolCatalog;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where the tools come from: the built-ins plus the declarations in --tools-dir (or $STRATA_TOOLS_DIR). */
public final class ToolsOptions {
    @Option(names = "--tools-dir", paramLabel = "DIR",
        description = "Folder of tool declarations (*.yaml, *.json); default $STRATA_TOOLS_DIR. Built-ins are always present.")
    Path toolsDir;

    /** The catalog: built-ins, then the declared tools. */
    public ToolCatalog catalog() {
        ToolCatalog catalog = ToolCatalog.withBuiltins();
        Path dir = toolsDir;
        if (dir == null) {
            String env = CliEnvironment.env().get("STRATA_TOOLS_DIR");
            dir = env == null || env.isBlank() ? null : Path.of(env);
        }
        if (dir != null) {
            try {
                catalog.addDirectory(dir);
            } catch (DeclarationException e) {
                throw new UserException(e.getMessage());
            }
        }
        return catalog;
    }
}

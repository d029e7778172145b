package dev.strata.cli.commands.model;

import dev.strata.cli.UserException;
import dev.strata.cli.commands.ConfigOption;
import dev.strata.cli.commands.ModelLoading;
import dev.strata.cli.config.StrataConfig;
import dev.strata.models.catalog.CatalogEntry;
import dev.strata.models.catalog.CatalogException;
import dev.strata.models.catalog.ModelCatalog;
import dev.strata.models.catalog.ModelFiles;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code strata model list}: the catalog's models and whether each can be served here (files present and, with
 * --verify, the checkpoint's sha256 as the catalog says), so a deployment is checked before a server starts.
 */
@Command(name = "list", mixinStandardHelpOptions = true,
    description = {"List the model catalog's ids with their format, context length, checkpoint and state "
        + "(ok, missing, sha256 mismatch).",
        "Exit status 1 when an entry cannot be served."})
public final class ModelListCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption config;

    @Option(names = "--catalog", paramLabel = "FILE", description = "Model catalog (default: models.catalog, else models/catalog.yaml).")
    Path catalog;

    @Option(names = "--verify", description = "Also check each checkpoint's sha256 (hashed once per file version, then cached).")
    boolean verify;

    @Override
    public Integer call() {
        StrataConfig cfg = ModelLoading.withCatalog(config.load(), catalog);
        ModelCatalog c;
        try {
            c = ModelLoading.catalog(cfg);
        } catch (CatalogException e) {
            throw new UserException(e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        if (c.file() == null) {
            out.println("no model catalog (set models.catalog or pass --catalog FILE); ids resolve as folders in the model folders");
            out.flush();
            return 0;
        }
        out.println("catalog " + c.file());
        out.printf("%-24s %-12s %8s %-10s %s%n", "id", "format", "context", "state", "checkpoint");
        boolean allOk = true;
        for (CatalogEntry e : c.entries()) {
            String state, format = e.format() == null ? "?" : e.format(), where = e.checkpoint().toString();
            try {
                if (verify) c.verified(e.id(), ModelLoading.digests());
                ModelFiles f = e.files();
                format = f.format();
                where = f.checkpoint().toString();
                state = e.sha256() == null ? "ok (no sha256)" : verify ? "ok" : "present";
            } catch (CatalogException ex) {
                allOk = false;
                state = ex.getMessage().contains("sha256 mismatch") ? "SHA256 MISMATCH" : "MISSING";
                spec.commandLine().getErr().println("strata: " + ex.getMessage());
            }
            out.printf("%-24s %-12s %8s %-10s %s%n", e.id(), format, e.contextLength() > 0 ? e.contextLength() : "model's",
                state, where);
        }
        out.flush();
        spec.commandLine().getErr().flush();
        return allOk ? 0 : 1;
    }
}

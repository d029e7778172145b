package dev.strata.models.catalog;

import java.nio.file.Path;

/**
 * A model catalog that cannot be used as written: a malformed file, an invalid entry, a checkpoint that is
 * missing or whose SHA-256 differs from the catalog's. The message names the catalog file and the entry (index and
 * id), so the user knows which line to fix.
 */
public final class CatalogException extends RuntimeException {
    public CatalogException(Path catalog, String message) {
        super(catalog + ": " + message);
    }

    public CatalogException(Path catalog, String message, Throwable cause) {
        super(catalog + ": " + message, cause);
    }
}

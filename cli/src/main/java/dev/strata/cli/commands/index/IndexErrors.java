package dev.strata.cli.commands.index;

import dev.strata.cli.UserException;
import dev.strata.vector.store.CorruptIndexException;
import java.io.UncheckedIOException;
import java.util.function.Supplier;

/** Turns vector-index failures the user can act on (damaged files, unreadable paths) into one-line errors. */
final class IndexErrors {
    private IndexErrors() {
    }

    static <T> T userErrors(Supplier<T> action) {
        try {
            return action.get();
        } catch (CorruptIndexException | UncheckedIOException e) {
            throw new UserException(e.getMessage());
        }
    }
}

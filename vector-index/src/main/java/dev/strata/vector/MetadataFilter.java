package dev.strata.vector;

import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * A condition on a vector's metadata that search results must satisfy. The index estimates how selective it is
 * and picks a strategy (see {@link VectorIndex#search(float[], int, MetadataFilter)}), so any predicate works.
 */
@FunctionalInterface
public interface MetadataFilter extends Predicate<Map<String, String>> {
    /** Metadata has {@code key} equal to {@code value}. */
    static MetadataFilter eq(String key, String value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        return m -> value.equals(m.get(key));
    }

    /** Both conditions hold. */
    default MetadataFilter and(MetadataFilter other) {
        return m -> test(m) && other.test(m);
    }
}

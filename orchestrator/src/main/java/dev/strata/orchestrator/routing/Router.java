package dev.strata.orchestrator.routing;

import java.util.Optional;

/**
 * Picks the agent (or model) for a task when the request names none.
 */
@FunctionalInterface
public interface Router {
    /** The chosen agent's name, or empty when this router has no opinion. */
    Optional<String> route(String input);

    /** This router, or {@code next} when this one has no opinion. */
    default Router orElse(Router next) {
        return input -> {
            Optional<String> r = route(input);
            return r.isPresent() ? r : next.route(input);
        };
    }
}

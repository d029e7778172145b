package dev.strata.tools.grpc;

import java.util.Set;

/**
 * The scopes of the caller of the current gRPC call. The security module's authentication interceptor supplies
 * the real one (from the verified credential in the gRPC {@code Context}); a fixed set serves a local process.
 */
@FunctionalInterface
public interface CallerScopes {
    /** Scopes of the caller of the call running on this thread's gRPC context. */
    Set<String> current();

    /** Every caller holds exactly {@code scopes}. */
    static CallerScopes fixed(Set<String> scopes) {
        Set<String> copy = Set.copyOf(scopes);
        return () -> copy;
    }
}

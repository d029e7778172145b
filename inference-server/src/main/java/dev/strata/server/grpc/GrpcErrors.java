package dev.strata.server.grpc;

import dev.strata.batching.api.EngineOverloadedException;
import dev.strata.server.core.InvalidRequestException;
import dev.strata.server.core.UnknownModelException;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Maps the server's exceptions to gRPC statuses with messages. */
final class GrpcErrors {
    private static final Logger LOG = Logger.getLogger(GrpcErrors.class.getName());

    private GrpcErrors() {
    }

    static StatusRuntimeException toStatus(RuntimeException e, String requestId) {
        if (e instanceof StatusRuntimeException s) return s;
        if (e instanceof InvalidRequestException || e instanceof IllegalArgumentException) {
            return Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException();
        }
        if (e instanceof UnknownModelException) return Status.NOT_FOUND.withDescription(e.getMessage()).asRuntimeException();
        if (e instanceof EngineOverloadedException) {
            return Status.RESOURCE_EXHAUSTED.withDescription(e.getMessage()).asRuntimeException();
        }
        LOG.log(Level.WARNING, "request " + requestId + " failed", e);
        return Status.INTERNAL.withDescription("Internal error (request " + requestId + ")").asRuntimeException();
    }
}

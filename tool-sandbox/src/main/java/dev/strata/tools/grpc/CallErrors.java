package dev.strata.tools.grpc;

import com.google.protobuf.Any;
import com.google.rpc.BadRequest;
import com.google.rpc.Code;
import dev.strata.tools.invoke.ToolError;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;

/**
 * gRPC statuses for errors of the call itself (unknown tool, missing scope, arguments failing the schema), with
 * machine-readable details so a client need not parse the description: every such status carries the
 * {@code strata.tool.v1.ToolError} (code, message, violations), and INVALID_ARGUMENT also carries the standard
 * {@code google.rpc.BadRequest} with one field violation per schema violation (field = JSON path), which generic
 * gRPC tooling understands. Read them with {@code StatusProto.fromThrowable}.
 */
final class CallErrors {
    private CallErrors() {
    }

    /** The status of a call error, or null when {@code e} is an error of the execution (sent as a message). */
    static StatusRuntimeException of(ToolError e) {
        Code code = switch (e.code()) {
            case NOT_FOUND -> Code.NOT_FOUND;
            case PERMISSION_DENIED -> Code.PERMISSION_DENIED;
            case INVALID_ARGUMENTS -> Code.INVALID_ARGUMENT;
            default -> null;
        };
        if (code == null) {
            return null;
        }
        com.google.rpc.Status.Builder status = com.google.rpc.Status.newBuilder().setCode(code.getNumber()).setMessage(e.message());
        if (code == Code.INVALID_ARGUMENT) {
            BadRequest.Builder bad = BadRequest.newBuilder();
            e.violations().forEach(v -> bad.addFieldViolations(
                BadRequest.FieldViolation.newBuilder().setField(v.path()).setDescription(v.message())));
            status.addDetails(Any.pack(bad.build()));
        }
        status.addDetails(Any.pack(ProtoMapping.error(e)));
        return StatusProto.toStatusRuntimeException(status.build());
    }

    /** INVALID_ARGUMENT for a request field that is missing or malformed. */
    static StatusRuntimeException invalidField(String field, String message) {
        return StatusProto.toStatusRuntimeException(com.google.rpc.Status.newBuilder()
            .setCode(Code.INVALID_ARGUMENT.getNumber()).setMessage(field + ": " + message)
            .addDetails(Any.pack(BadRequest.newBuilder().addFieldViolations(
                BadRequest.FieldViolation.newBuilder().setField(field).setDescription(message)).build()))
            .build());
    }
}

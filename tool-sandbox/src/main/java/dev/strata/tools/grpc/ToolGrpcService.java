package dev.strata.tools.grpc;

import com.google.protobuf.ByteString;
import dev.strata.proto.tool.v1.InvokeRequest;
import dev.strata.proto.tool.v1.InvokeResponse;
import dev.strata.proto.tool.v1.ListToolsRequest;
import dev.strata.proto.tool.v1.ListToolsResponse;
import dev.strata.proto.tool.v1.OutputChunk;
import dev.strata.proto.tool.v1.Stream;
import dev.strata.proto.tool.v1.ToolServiceGrpc;
import dev.strata.tools.invoke.OutputStreamKind;
import dev.strata.tools.invoke.ToolCall;
import dev.strata.tools.invoke.ToolError;
import dev.strata.tools.invoke.ToolInvoker;
import dev.strata.tools.invoke.ToolOutcome;
import dev.strata.tools.registry.RegisteredTool;
import io.grpc.Context;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.Set;

/**
 * {@code strata.tool.v1.ToolService}: lists the registry and invokes tools, streaming their output as it comes.
 * Errors of the call (unknown tool, missing scope, arguments failing the schema) are gRPC statuses with structured
 * details ({@link CallErrors}: each argument violation's JSON path and message); errors of the
 * execution are a final {@code ToolError} message, as the proto specifies. Tools run on virtual threads so a
 * slow tool never holds a gRPC executor thread.
 */
public final class ToolGrpcService extends ToolServiceGrpc.ToolServiceImplBase {
    private final ToolInvoker invoker;
    private final CallerScopes scopes;

    public ToolGrpcService(ToolInvoker invoker, CallerScopes scopes) {
        this.invoker = invoker;
        this.scopes = scopes;
    }

    @Override
    public void listTools(ListToolsRequest request, StreamObserver<ListToolsResponse> response) {
        List<RegisteredTool> tools = request.getScopesCount() == 0 ? invoker.registry().list()
            : invoker.registry().listAllowed(Set.copyOf(request.getScopesList()));
        ListToolsResponse.Builder b = ListToolsResponse.newBuilder();
        tools.forEach(t -> b.addTools(ProtoMapping.descriptor(t)));
        response.onNext(b.build());
        response.onCompleted();
    }

    @Override
    public void invoke(InvokeRequest request, StreamObserver<InvokeResponse> response) {
        if (request.getTool().isEmpty()) {
            response.onError(CallErrors.invalidField("tool", "required"));
            return;
        }
        Set<String> callerScopes = scopes.current();
        Context context = Context.current();
        Thread.ofVirtual().name("tool-invoke-" + request.getTool()).start(context.wrap(() -> run(request, callerScopes, response)));
    }

    private void run(InvokeRequest request, Set<String> callerScopes, StreamObserver<InvokeResponse> response) {
        Object lock = new Object();
        ServerCallStreamObserver<InvokeResponse> server = (ServerCallStreamObserver<InvokeResponse>) response;
        ToolOutcome outcome;
        try {
            outcome = invoker.invoke(new ToolCall(request.getTool(), request.getArgumentsJson(), callerScopes,
                request.getIdempotencyKey(), request.getCallId()), (stream, data, offset, length) -> {
                    synchronized (lock) {
                        if (!server.isCancelled()) {
                            response.onNext(InvokeResponse.newBuilder().setOutput(OutputChunk.newBuilder()
                                .setStream(stream == OutputStreamKind.STDOUT ? Stream.STREAM_STDOUT : Stream.STREAM_STDERR)
                                .setData(ByteString.copyFrom(data, offset, length))).build());
                        }
                    }
                });
        } catch (RuntimeException e) {
            synchronized (lock) {
                response.onError(Status.INTERNAL.withDescription("tool invocation failed: " + e).asRuntimeException());
            }
            return;
        }
        synchronized (lock) {
            if (server.isCancelled()) {
                return;
            }
            switch (outcome) {
                case ToolOutcome.Success s -> {
                    response.onNext(InvokeResponse.newBuilder().setResult(ProtoMapping.result(s)).build());
                    response.onCompleted();
                }
                case ToolOutcome.Failure f -> {
                    var status = CallErrors.of(f.error());
                    if (status != null) {
                        response.onError(status);
                    } else {
                        response.onNext(InvokeResponse.newBuilder().setError(ProtoMapping.error(f.error())).build());
                        response.onCompleted();
                    }
                }
            }
        }
    }
}

package dev.strata.server.grpc;

import dev.strata.batching.api.EngineOverloadedException;
import dev.strata.batching.api.GenerationHandle;
import dev.strata.proto.inference.v1.DetokenizeRequest;
import dev.strata.proto.inference.v1.DetokenizeResponse;
import dev.strata.proto.inference.v1.GenerateRequest;
import dev.strata.proto.inference.v1.GenerateResponse;
import dev.strata.proto.inference.v1.GetModelInfoRequest;
import dev.strata.proto.inference.v1.InferenceServiceGrpc;
import dev.strata.proto.inference.v1.ListModelsRequest;
import dev.strata.proto.inference.v1.ListModelsResponse;
import dev.strata.proto.inference.v1.ModelInfo;
import dev.strata.proto.inference.v1.TokenizeRequest;
import dev.strata.proto.inference.v1.TokenizeResponse;
import dev.strata.server.core.GenerationPlan;
import dev.strata.server.core.InvalidRequestException;
import dev.strata.server.core.ModelRegistry;
import dev.strata.server.core.PlanLimits;
import dev.strata.server.core.PromptTokens;
import dev.strata.server.core.ServedModel;
import dev.strata.server.http.RequestIds;
import dev.strata.server.http.RequestLog;
import dev.strata.server.http.ServerState;
import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * {@code strata.inference.v1.InferenceService}: the same engines as the HTTP API, for internal services. The call's
 * deadline becomes the request's deadline; a cancelled call cancels its generation.
 */
public final class InferenceGrpcService extends InferenceServiceGrpc.InferenceServiceImplBase {
    private final ModelRegistry models;
    private final GrpcRequestMapper mapper;
    private final ServerState state;
    private final RequestIds ids = new RequestIds();

    public InferenceGrpcService(ModelRegistry models, PlanLimits limits, ServerState state) {
        this.models = models;
        this.mapper = new GrpcRequestMapper(models, limits);
        this.state = state;
    }

    @Override
    public void generate(GenerateRequest request, StreamObserver<GenerateResponse> responseObserver) {
        long start = System.nanoTime();
        String requestId = request.getRequestId().isEmpty() ? ids.next() : request.getRequestId();
        var observer = (ServerCallStreamObserver<GenerateResponse>) responseObserver;
        try {
            if (state.draining()) throw new EngineOverloadedException("the server is shutting down", 1000);
            Deadline deadline = Context.current().getDeadline();
            long deadlineNanos = deadline == null ? 0 : start + deadline.timeRemaining(TimeUnit.NANOSECONDS);
            GenerationPlan plan = mapper.plan(request, requestId, deadlineNanos);
            String echo = request.getEcho() ? plan.model().tokenizer().decode(plan.promptTokens(), true) : null;
            GenerationHandle[] handle = new GenerationHandle[1];
            observer.setOnCancelHandler(() -> {
                if (handle[0] != null) handle[0].cancel();
            });
            handle[0] = plan.model().engine().submit(plan.toEngineRequest(), new GenerateStreamer(plan, observer, start, echo));
            if (observer.isCancelled()) handle[0].cancel();
        } catch (RuntimeException e) {
            var status = GrpcErrors.toStatus(e, requestId);
            RequestLog.log(requestId, "grpc", "Generate", status.getStatus().getCode().value(), null, 0, 0, -1,
                (System.nanoTime() - start) / 1e6, status.getStatus().getDescription());
            responseObserver.onError(status);
        }
    }

    @Override
    public void tokenize(TokenizeRequest request, StreamObserver<TokenizeResponse> out) {
        unary(out, () -> {
            ServedModel model = models.resolve(request.getModel());
            int[] ids = switch (request.getInputCase()) {
                case TEXT -> model.tokenizer().encode(request.getText(), request.getAddSpecialTokens());
                case CHAT -> {
                    var plan = mapper.plan(GenerateRequest.newBuilder().setModel(model.id()).setChat(request.getChat())
                        .setSampling(dev.strata.proto.inference.v1.SamplingParams.newBuilder().setMaxTokens(1)).build(), "tokenize", 0);
                    yield plan.promptTokens();
                }
                case INPUT_NOT_SET -> throw new InvalidRequestException("input", "One of text or chat is required.");
            };
            var b = TokenizeResponse.newBuilder().setMaxContextLength(model.contextLength());
            for (int id : ids) {
                b.addTokenIds(id);
                b.addTokens(new String(model.tokenizer().tokenBytes(id), StandardCharsets.UTF_8));
            }
            return b.build();
        });
    }

    @Override
    public void detokenize(DetokenizeRequest request, StreamObserver<DetokenizeResponse> out) {
        unary(out, () -> {
            ServedModel model = models.resolve(request.getModel());
            int[] ids = PromptTokens.checked(model.tokenizer(), request.getTokenIdsList().stream().mapToInt(Integer::intValue).toArray(), "token_ids");
            boolean skip = !request.hasSkipSpecialTokens() || request.getSkipSpecialTokens();
            return DetokenizeResponse.newBuilder().setText(model.tokenizer().decode(ids, skip)).build();
        });
    }

    @Override
    public void listModels(ListModelsRequest request, StreamObserver<ListModelsResponse> out) {
        unary(out, () -> {
            var b = ListModelsResponse.newBuilder();
            for (ServedModel m : models.all()) b.addModels(info(m));
            return b.build();
        });
    }

    @Override
    public void getModelInfo(GetModelInfoRequest request, StreamObserver<ModelInfo> out) {
        unary(out, () -> info(models.resolve(request.getModel())));
    }

    private ModelInfo info(ServedModel m) {
        var f = m.facts();
        return ModelInfo.newBuilder().setId(m.id()).setFormat(f.format()).setArchitecture(f.architecture())
            .setContextLength(m.contextLength()).setVocabSize(m.tokenizer().vocabSize()).setParameterCount(f.parameterCount())
            .setDtype(f.dtype()).setDevice(f.device()).setEngine(f.engine()).setHasChatTemplate(f.hasChatTemplate())
            .setReady(state.ready()).setSha256(f.sha256()).setSupportsConstraints(true).build();
    }

    private <T> void unary(StreamObserver<T> out, java.util.function.Supplier<T> body) {
        T result;
        try {
            result = body.get();
        } catch (RuntimeException e) {
            out.onError(GrpcErrors.toStatus(e, "-"));
            return;
        }
        out.onNext(result);
        out.onCompleted();
    }
}

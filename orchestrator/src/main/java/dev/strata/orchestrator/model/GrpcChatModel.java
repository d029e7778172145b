package dev.strata.orchestrator.model;

import dev.strata.proto.inference.v1.Conversation;
import dev.strata.proto.inference.v1.GenerateRequest;
import dev.strata.proto.inference.v1.GenerateResponse;
import dev.strata.proto.inference.v1.InferenceServiceGrpc;
import dev.strata.proto.inference.v1.OutputConstraint;
import dev.strata.proto.inference.v1.SamplingParams;
import io.grpc.Channel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.Iterator;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * {@link ChatModel} over {@code strata.inference.v1.InferenceService.Generate}: sends the conversation as a chat
 * request (the server applies the model's chat template), constrains the output to {@link ToolCallFormat}'s
 * schema when tools are offered (to {@link ForcedToolCall}'s regex when a call is required), streams text to
 * the sink and maps gRPC failures to {@link ModelException}
 * (UNAVAILABLE and RESOURCE_EXHAUSTED are transient).
 */
public final class GrpcChatModel implements ChatModel {
    private final InferenceServiceGrpc.InferenceServiceBlockingStub stub;
    private final String model;
    private final long timeoutMs;
    private final float temperature;

    /**
     * @param model       model id on the server, "" for its default
     * @param timeoutMs   deadline of one call
     * @param temperature sampling temperature (0 = greedy)
     */
    public GrpcChatModel(Channel channel, String model, long timeoutMs, float temperature) {
        this.stub = InferenceServiceGrpc.newBlockingStub(channel);
        this.model = model == null ? "" : model;
        this.timeoutMs = timeoutMs;
        this.temperature = temperature;
    }

    @Override
    public String name() {
        return model.isEmpty() ? "default" : model;
    }

    @Override
    public ChatResponse chat(ChatRequest request, TokenSink tokens) {
        GenerateRequest req = toProto(request);
        StringBuilder text = new StringBuilder();
        int prompt = 0;
        int completion = 0;
        String served = model;
        try {
            Iterator<GenerateResponse> it = stub.withDeadlineAfter(timeoutMs, TimeUnit.MILLISECONDS).generate(req);
            while (it.hasNext()) {
                GenerateResponse chunk = it.next();
                if (chunk.getIndex() != 0) {
                    continue;
                }
                if (!chunk.getText().isEmpty()) {
                    text.append(chunk.getText());
                    tokens.onText(chunk.getText());
                }
                if (chunk.hasUsage()) {
                    prompt = chunk.getUsage().getPromptTokens();
                    completion = chunk.getUsage().getCompletionTokens();
                }
                if (!chunk.getModel().isEmpty()) {
                    served = chunk.getModel();
                }
            }
        } catch (StatusRuntimeException e) {
            Status.Code code = e.getStatus().getCode();
            boolean transientFailure = code == Status.Code.UNAVAILABLE || code == Status.Code.RESOURCE_EXHAUSTED;
            throw new ModelException(code.name(), "model " + name() + ": " + e.getStatus().getDescription(),
                transientFailure, e);
        }
        if (request.offeredTools().isEmpty()) {
            return new ChatResponse(text.toString(), java.util.List.of(), prompt, completion, served);
        }
        return ToolCallFormat.parse(text.toString(), "call-" + req.getRequestId() + "-", prompt, completion, served);
    }

    private GenerateRequest toProto(ChatRequest request) {
        Conversation.Builder conv = Conversation.newBuilder();
        for (ChatMessage m : request.messages()) {
            var pm = dev.strata.proto.inference.v1.ChatMessage.newBuilder().setRole(m.role()).setContent(m.content())
                .setName(m.name()).setToolCallId(m.toolCallId());
            for (ToolCall c : m.toolCalls()) {
                pm.addToolCalls(dev.strata.proto.inference.v1.ToolCall.newBuilder().setId(c.id()).setName(c.name())
                    .setArgumentsJson(c.argumentsJson()));
            }
            conv.addMessages(pm);
        }
        request.offeredTools().forEach(t -> conv.addToolsJson(t.functionJson()));
        SamplingParams.Builder sampling = SamplingParams.newBuilder().setTemperature(temperature);
        if (request.maxTokens() > 0) {
            sampling.setMaxTokens(request.maxTokens());
        }
        GenerateRequest.Builder b = GenerateRequest.newBuilder().setRequestId(UUID.randomUUID().toString())
            .setModel(model).setChat(conv).setSampling(sampling);
        switch (request.toolChoice()) {
            case REQUIRED -> b.setConstraint(OutputConstraint.newBuilder().setRegex(ForcedToolCall.regex(request.tools())));
            case AUTO -> {
                if (!request.tools().isEmpty()) {
                    b.setConstraint(OutputConstraint.newBuilder().setJsonSchema(ToolCallFormat.schema(request.tools())));
                }
            }
            case NONE -> {
            }
        }
        return b.build();
    }
}

package dev.strata.orchestrator.model;

/**
 * A chat model the agent loop calls: the inference server over gRPC ({@link GrpcChatModel}), a resilience decorator
 * around one, or a scripted double in tests.
 */
public interface ChatModel {
    /** Receives generated text as it streams. */
    @FunctionalInterface
    interface TokenSink {
        TokenSink NONE = t -> { };

        void onText(String text);
    }

    /**
     * Generates the next assistant turn.
     *
     * @throws ModelException when the model fails; {@link ModelException#transientFailure()} says whether a retry
     *                        may succeed
     */
    ChatResponse chat(ChatRequest request, TokenSink tokens);

    /** Name for logs and routing. */
    String name();
}

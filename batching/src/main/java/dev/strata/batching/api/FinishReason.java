package dev.strata.batching.api;

/** Why a choice stopped (OpenAI's names where they exist). */
public enum FinishReason {
    /** EOS or a stop string. */
    STOP,
    /** max_tokens or the context length was reached. */
    LENGTH,
    /** the caller cancelled (client gone). */
    CANCELLED,
    /** the request's deadline passed. */
    DEADLINE
}

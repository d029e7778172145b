package dev.strata.batching.api;

/**
 * Receives one request's output. Called on the engine thread, in order per choice; must return quickly.
 */
public interface GenerationListener {

    /** New tokens of one choice and the text that became final with them (never half a UTF-8 character). */
    void onDelta(GenerationDelta delta);

    /** A choice finished; after every choice finished, {@link #onComplete} follows. */
    void onChoiceFinished(int choiceIndex, FinishReason reason);

    /** The request is over; usage counts prompt tokens once and generated tokens of all choices. */
    void onComplete(Usage usage);

    /** The request failed inside the engine (not a client error); nothing more follows. */
    void onError(Throwable error);
}

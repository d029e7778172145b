package dev.strata.server.openai;

/**
 * Where an OpenAI response goes: a whole JSON body, or a stream of server-sent events. The HTTP layer
 * implements it over a Netty channel; calls may come from any thread.
 */
public interface ResponseSink {

    /** A complete response (success or error). */
    void json(int status, String body);

    /** Starts a {@code text/event-stream} response. */
    void beginEvents();

    /** One {@code data:} event. */
    void event(String data);

    /** Ends the event stream (after the caller sent {@code [DONE]}). */
    void endEvents();
}

package dev.strata.server.openai;

import dev.strata.server.core.GenerationPlan;
import java.util.List;

/**
 * A parsed and validated OpenAI request.
 *
 * @param kind          which endpoint it came to
 * @param plan          what the engine runs
 * @param stream        answer as server-sent events
 * @param includeUsage  {@code stream_options.include_usage}: a final chunk with usage
 * @param echoPrompt    completions' {@code echo}: the prompt text to put before the completion, or null
 * @param logprobs      whether per-token logprobs go into the response
 * @param toolNames     names of the tools offered (tool calls are parsed out of the output when non-empty)
 */
public record OpenAiRequest(Kind kind, GenerationPlan plan, boolean stream, boolean includeUsage, String echoPrompt,
                            boolean logprobs, List<String> toolNames) {

    /** The endpoints. */
    public enum Kind { COMPLETION, CHAT }

    public boolean parsesToolCalls() {
        return !toolNames.isEmpty();
    }
}

package dev.strata.orchestrator.memory;

/**
 * One exchange of a session: the user's input and the agent's answer.
 */
public record Turn(String user, String assistant) {
}

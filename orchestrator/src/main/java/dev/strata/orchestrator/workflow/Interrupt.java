package dev.strata.orchestrator.workflow;

/**
 * A pending human-approval interrupt: the run stopped before a node's action and waits for a decision
 * answering {@link #id}.
 *
 * @param id           unique within the run (node name and step), the key a decision answers
 * @param description  what needs approval, for a human
 * @param proposalJson the proposed action as JSON text
 */
public record Interrupt(String id, String description, String proposalJson) {
}

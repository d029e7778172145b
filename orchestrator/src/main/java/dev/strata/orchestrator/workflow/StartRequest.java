package dev.strata.orchestrator.workflow;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * What starts a run.
 *
 * @param runId        caller-chosen id (also the idempotency key of the start); never empty here
 * @param workflow     name of a registered workflow or agent
 * @param input        the user's input
 * @param sessionId    session whose memory the run uses, "" for none
 * @param metadata     caller labels
 * @param budget       limits; zero fields take the workflow's defaults
 * @param initialState the state before the first step (null for an empty object)
 */
public record StartRequest(String runId, String workflow, String input, String sessionId, Map<String, String> metadata,
                           Budget budget, ObjectNode initialState) {
    public StartRequest {
        if (runId == null || runId.isBlank() || runId.length() > 200) {
            throw new IllegalArgumentException("run_id: must be 1 to 200 characters, got '" + runId + "'");
        }
        if (workflow == null || workflow.isBlank()) {
            throw new IllegalArgumentException("agent: must name a workflow or agent");
        }
    }

    public static StartRequest of(String runId, String workflow, String input) {
        return new StartRequest(runId, workflow, input, "", Map.of(), Budget.UNLIMITED, null);
    }
}

package dev.strata.orchestrator.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.strata.orchestrator.workflow.ApprovalDecision;
import dev.strata.orchestrator.workflow.Budget;
import dev.strata.orchestrator.workflow.Interrupt;
import dev.strata.orchestrator.workflow.RunError;
import dev.strata.orchestrator.workflow.RunRecord;
import dev.strata.orchestrator.workflow.RunStatus;
import dev.strata.orchestrator.workflow.Usage;
import java.util.Map;

/**
 * Turns the parts of a {@link RunRecord} that no query filters on into one JSON column ("body"), so the table
 * schema stays stable while the record grows.
 */
final class RunBodyCodec {
    /** The JSON shape of the body column. */
    record Body(String input, String sessionId, Map<String, String> metadata, Budget budget, Usage usage,
                RunError error, Interrupt interrupt, Map<String, ApprovalDecision> approvals, String state) {
    }

    private static final ObjectMapper MAPPER = new ObjectMapper()
        .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private RunBodyCodec() {
    }

    static String encode(RunRecord r) {
        try {
            return MAPPER.writeValueAsString(new Body(r.input(), r.sessionId(), r.metadata(), r.budget(), r.usage(),
                r.error(), r.interrupt(), r.approvals(), r.stateJson()));
        } catch (JsonProcessingException e) {
            throw new StoreException("run " + r.runId() + ": cannot encode checkpoint body: " + e.getMessage(), e);
        }
    }

    static RunRecord decode(String runId, String workflow, String status, String nextNode, int step, long eventSeq,
                            long version, long createdAtMs, long updatedAtMs, String bodyJson) {
        Body b;
        RunStatus s;
        try {
            b = MAPPER.readValue(bodyJson, Body.class);
            s = RunStatus.valueOf(status);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new StoreException("run " + runId + ": corrupt checkpoint row (status '" + status + "', body): "
                + e.getMessage(), e);
        }
        return new RunRecord(runId, workflow, s, nextNode, step, eventSeq, version, createdAtMs, updatedAtMs, b.input(),
            b.sessionId(), b.metadata(), b.budget(), b.usage(), b.error(), b.interrupt(), b.approvals(), b.state());
    }
}

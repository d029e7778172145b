package dev.strata.orchestrator.grpc;

import dev.strata.orchestrator.workflow.RunRecord;
import dev.strata.orchestrator.workflow.RunStatus;
import dev.strata.proto.agent.v1.AgentRun;
import dev.strata.proto.agent.v1.Usage;

/**
 * Maps run records to their wire form ({@code strata.agent.v1.AgentRun}).
 */
final class RunProtos {
    private RunProtos() {
    }

    static dev.strata.proto.agent.v1.RunStatus status(RunStatus s) {
        return switch (s) {
            case PENDING -> dev.strata.proto.agent.v1.RunStatus.RUN_STATUS_PENDING;
            case RUNNING -> dev.strata.proto.agent.v1.RunStatus.RUN_STATUS_RUNNING;
            case WAITING_APPROVAL -> dev.strata.proto.agent.v1.RunStatus.RUN_STATUS_WAITING_APPROVAL;
            case SUCCEEDED -> dev.strata.proto.agent.v1.RunStatus.RUN_STATUS_SUCCEEDED;
            case FAILED -> dev.strata.proto.agent.v1.RunStatus.RUN_STATUS_FAILED;
            case CANCELLED -> dev.strata.proto.agent.v1.RunStatus.RUN_STATUS_CANCELLED;
            case INTERRUPTED -> dev.strata.proto.agent.v1.RunStatus.RUN_STATUS_INTERRUPTED;
        };
    }

    static AgentRun toProto(RunRecord r) {
        AgentRun.Builder b = AgentRun.newBuilder().setRunId(r.runId()).setAgent(r.workflow()).setStatus(status(r.status()))
            .setInput(r.input()).setStepsCompleted(r.step())
            .setUsage(Usage.newBuilder().setPromptTokens(r.usage().promptTokens())
                .setCompletionTokens(r.usage().completionTokens()).setModelCalls(r.usage().modelCalls())
                .setToolCalls(r.usage().toolCalls()))
            .setCreatedAtMs(r.createdAtMs()).setUpdatedAtMs(r.updatedAtMs()).setSessionId(r.sessionId())
            .putAllMetadata(r.metadata());
        if (r.status() == RunStatus.SUCCEEDED) {
            b.setAnswer(answerOf(r));
        }
        if (r.error() != null) {
            b.setError(dev.strata.proto.agent.v1.RunError.newBuilder().setCode(r.error().code())
                .setMessage(r.error().message()));
        }
        return b.build();
    }

    static String answerOf(RunRecord r) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.stateJson()).path("answer").asText("");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return "";
        }
    }
}

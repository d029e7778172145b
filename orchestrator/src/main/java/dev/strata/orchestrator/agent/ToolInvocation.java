package dev.strata.orchestrator.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.strata.orchestrator.model.ToolCall;
import dev.strata.orchestrator.workflow.EffectResult;
import dev.strata.orchestrator.workflow.NodeContext;
import dev.strata.proto.agent.v1.RunEvent;
import dev.strata.proto.agent.v1.ToolResultEvent;

/**
 * One tool call of an agent step: run as an idempotent effect keyed by the call id (a resumed run replays a
 * completed call's recorded result), timed, reported as a ToolResult event, and turned into the text the model
 * sees. Unknown tools and rejected calls become errors the model can read, not run failures.
 */
final class ToolInvocation {
    private final ToolExecutor executor;
    private final NodeContext ctx;
    private final ToolCall call;
    private final boolean known;
    private final String rejection;

    ToolInvocation(ToolExecutor executor, NodeContext ctx, ToolCall call, boolean known, String rejection) {
        this.executor = executor;
        this.ctx = ctx;
        this.call = call;
        this.known = known;
        this.rejection = rejection;
    }

    /** Runs the call and returns the tool message content (JSON). */
    String run() throws Exception {
        long t0 = System.nanoTime();
        String recorded;
        boolean replayed;
        if (!known) {
            recorded = encode(ToolResult.error("UNKNOWN_TOOL", "no tool named '" + call.name() + "'"));
            replayed = false;
        } else if (rejection != null) {
            recorded = encode(ToolResult.error("REJECTED", "a human rejected this call"
                + (rejection.isEmpty() ? "" : ": " + rejection)));
            replayed = false;
        } else {
            EffectResult r = ctx.effect("tool:" + call.id(), key -> encode(executor.execute(call, key)));
            recorded = r.resultJson();
            replayed = r.replayed();
        }
        JsonNode n = AgentState.MAPPER.readTree(recorded);
        ToolResultEvent.Builder ev = ToolResultEvent.newBuilder().setCallId(call.id()).setTool(call.name())
            .setDurationMs((System.nanoTime() - t0) / 1e6).setReplayed(replayed);
        if (n.has("error")) {
            ev.setErrorJson(n.get("error").toString());
        } else {
            ev.setResultJson(n.path("result").toString());
        }
        ctx.emit(RunEvent.newBuilder().setToolResult(ev));
        return recorded;
    }

    private static String encode(ToolResult r) {
        ObjectNode o = AgentState.MAPPER.createObjectNode();
        if (r.failed()) {
            o.set("error", jsonOrText(r.errorJson()));
        } else {
            o.set("result", jsonOrText(r.resultJson() == null ? "null" : r.resultJson()));
        }
        return o.toString();
    }

    /** A tool's output as JSON; output that is not JSON is kept as a JSON string rather than failing the run. */
    private static JsonNode jsonOrText(String s) {
        try {
            return AgentState.MAPPER.readTree(s);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return com.fasterxml.jackson.databind.node.TextNode.valueOf(s);
        }
    }
}

package dev.strata.orchestrator.agent;

import dev.strata.orchestrator.memory.Passage;
import dev.strata.orchestrator.memory.SessionState;
import dev.strata.orchestrator.memory.Turn;
import dev.strata.orchestrator.model.ChatMessage;
import dev.strata.orchestrator.model.ChatRequest;
import dev.strata.orchestrator.model.ChatResponse;
import dev.strata.orchestrator.model.ModelException;
import dev.strata.orchestrator.model.ToolCall;
import dev.strata.orchestrator.model.ToolChoice;
import dev.strata.orchestrator.model.ToolSpec;
import dev.strata.orchestrator.workflow.ApprovalDecision;
import dev.strata.orchestrator.workflow.Budget;
import dev.strata.orchestrator.workflow.NodeContext;
import dev.strata.orchestrator.workflow.RunFailedException;
import dev.strata.orchestrator.workflow.Usage;
import dev.strata.orchestrator.workflow.Workflow;
import dev.strata.proto.agent.v1.Retrieval;
import dev.strata.proto.agent.v1.RetrievedPassage;
import dev.strata.proto.agent.v1.RunEvent;
import dev.strata.proto.agent.v1.TokenDelta;
import dev.strata.proto.agent.v1.ToolCallEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The agent loop as a two-node workflow, so it gets the engine's checkpoints, resume and events for free:
 * {@code model} (build the prompt, call the model, record its answer or tool calls) and {@code tools} (run the
 * calls of one turn in parallel, each as an idempotent effect keyed by its call id), looping until the model
 * answers or a budget ends the run.
 */
public final class AgentWorkflow {
    public static final String MODEL = "model";
    public static final String TOOLS = "tools";

    private AgentWorkflow() {
    }

    public static Workflow build(AgentDefinition agent) {
        return Workflow.builder(agent.name())
            .node(MODEL, ctx -> modelStep(agent, ctx))
            .node(TOOLS, ctx -> toolStep(agent, ctx))
            .route(MODEL, s -> {
                ChatMessage last = new AgentState(s).lastMessage();
                return last != null && !last.toolCalls().isEmpty() ? TOOLS : Workflow.END;
            })
            .edge(TOOLS, MODEL)
            .stepsAreModelCalls(true)
            .build();
    }

    private static void modelStep(AgentDefinition agent, NodeContext ctx) throws Exception {
        AgentState st = new AgentState(ctx.state());
        if (!st.initialised()) {
            initialise(agent, ctx, st);
        }
        Budget b = ctx.budget();
        Usage u = ctx.usage();
        if (b.maxSteps() > 0 && u.modelCalls() >= b.maxSteps()) {
            throw new RunFailedException("BUDGET_EXHAUSTED", "step budget of " + b.maxSteps() + " model calls used up");
        }
        int cap = 0;
        if (b.maxTokens() > 0) {
            cap = b.maxTokens() - u.completionTokens();
            if (cap <= 0) {
                throw new RunFailedException("BUDGET_EXHAUSTED", "token budget of " + b.maxTokens() + " tokens used up");
            }
        }
        boolean stream = st.streamTokens();
        ChatResponse response;
        try {
            response = agent.model().chat(new ChatRequest(st.messages(), agent.tools(), cap, toolChoice(agent, b, u)), text -> {
                if (stream) {
                    ctx.emitLive(RunEvent.newBuilder().setToken(TokenDelta.newBuilder().setText(text)));
                }
            });
        } catch (ModelException e) {
            throw new RunFailedException(e.transientFailure() ? "MODEL_UNAVAILABLE" : "MODEL_FAILED",
                e.getMessage() + " [" + e.code() + "]", e);
        }
        ctx.recordModelCall(response.promptTokens(), response.completionTokens());
        // call ids are derived from the step, not the model: a step redone after a crash keeps its idempotency keys
        List<ToolCall> calls = new ArrayList<>();
        for (ToolCall c : response.toolCalls()) {
            calls.add(new ToolCall("s" + ctx.step() + "c" + calls.size(), c.name(), c.argumentsJson()));
        }
        st.addMessage(ChatMessage.assistant(response.text(), calls));
        for (ToolCall c : calls) {
            ctx.emit(RunEvent.newBuilder().setToolCall(ToolCallEvent.newBuilder().setCallId(c.id()).setTool(c.name())
                .setArgumentsJson(c.argumentsJson())));
        }
        if (calls.isEmpty()) {
            st.finish(response.text());
            if (agent.sessions() != null && !ctx.sessionId().isEmpty()) {
                ctx.effect("session-turn", key -> {
                    agent.sessions().append(ctx.sessionId(), new Turn(ctx.input(), response.text()));
                    return "true";
                });
            }
        }
    }

    /**
     * Required on the first call when the policy says so; none on the last call the step budget allows (a tool call
     * there could never be answered) or when the agent has no tools; otherwise the model's choice.
     */
    static ToolChoice toolChoice(AgentDefinition agent, Budget b, Usage u) {
        if (agent.tools().isEmpty()) return ToolChoice.AUTO;
        if (agent.toolChoice() == ToolChoicePolicy.REQUIRED_FIRST_STEP && u.modelCalls() == 0) return ToolChoice.REQUIRED;
        if (b.maxSteps() > 0 && u.modelCalls() >= b.maxSteps() - 1) return ToolChoice.NONE;
        return ToolChoice.AUTO;
    }

    private static void initialise(AgentDefinition agent, NodeContext ctx, AgentState st) {
        List<Passage> passages = agent.memory() == null || agent.retrieveK() <= 0 ? List.of()
            : agent.memory().search(ctx.input(), agent.retrieveK());
        st.setPassages(passages);
        if (!passages.isEmpty()) {
            Retrieval.Builder r = Retrieval.newBuilder();
            passages.forEach(p -> r.addPassages(RetrievedPassage.newBuilder().setPassageId(p.id()).setSource(p.source())
                .setText(p.text()).setScore(p.score())));
            ctx.emit(RunEvent.newBuilder().setRetrieval(r));
        }
        SessionState session = agent.sessions() == null || ctx.sessionId().isEmpty() ? SessionState.EMPTY
            : agent.sessions().load(ctx.sessionId());
        Map<String, String> vars = new HashMap<>();
        vars.put("tools", agent.tools().stream().map(t -> "- " + t.name() + ": " + t.description())
            .collect(Collectors.joining("\n")));
        vars.put("context", passages.stream().map(p -> "[" + p.id() + "] (" + p.source() + ") " + p.text())
            .collect(Collectors.joining("\n")));
        vars.put("summary", session.summary());
        st.addMessage(ChatMessage.system(agent.systemPrompt().render(vars)));
        for (Turn t : session.recent()) {
            st.addMessage(ChatMessage.user(t.user()));
            st.addMessage(ChatMessage.assistant(t.assistant(), List.of()));
        }
        st.addMessage(ChatMessage.user(ctx.input()));
    }

    private static void toolStep(AgentDefinition agent, NodeContext ctx) throws Exception {
        AgentState st = new AgentState(ctx.state());
        List<ToolCall> calls = st.lastMessage().toolCalls();
        Map<String, String> rejected = new HashMap<>();
        for (ToolCall c : calls) {
            if (agent.approvalRequiredFor().contains(c.name())) {
                ApprovalDecision d = ctx.approval(c.id(), "run tool " + c.name() + " with " + c.argumentsJson(),
                    AgentState.MAPPER.createObjectNode().put("tool", c.name()).put("arguments", c.argumentsJson()).toString());
                if (!d.approved()) {
                    rejected.put(c.id(), d.comment());
                }
            }
        }
        Map<String, ToolSpec> known = agent.tools().stream().collect(Collectors.toMap(ToolSpec::name, t -> t));
        List<java.util.concurrent.Future<String>> results = new ArrayList<>();
        for (ToolCall c : calls) {
            results.add(ctx.executor().submit(() -> new ToolInvocation(agent.toolExecutor(), ctx, c,
                known.containsKey(c.name()), rejected.get(c.id())).run()));
        }
        for (int i = 0; i < calls.size(); i++) {
            try {
                st.addMessage(ChatMessage.tool(calls.get(i), results.get(i).get()));
            } catch (java.util.concurrent.ExecutionException e) {
                throw e.getCause() instanceof Exception ex ? ex : new RuntimeException(e.getCause());
            }
        }
        ctx.recordToolCalls(calls.size());
    }
}

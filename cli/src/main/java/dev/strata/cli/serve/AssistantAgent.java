package dev.strata.cli.serve;

import dev.strata.orchestrator.agent.AgentDefinition;
import dev.strata.orchestrator.agent.PromptTemplate;
import dev.strata.orchestrator.agent.ToolChoicePolicy;
import dev.strata.orchestrator.memory.MemoryStore;
import dev.strata.orchestrator.model.ChatModel;
import dev.strata.orchestrator.tools.CalculatorArguments;
import dev.strata.orchestrator.tools.SandboxToolExecutor;
import dev.strata.orchestrator.workflow.Budget;
import java.util.Set;

/**
 * The agent that {@code strata demo}, {@code strata serve --agents} and the end-to-end test host: answers from
 * retrieved passages, with the calculator. Its first step must call the calculator (forced by the server's
 * constrained decoder, the expression narrowed to arithmetic the tool accepts); its second and last step answers in
 * plain text with the result in view. Sized for the default model's 512-token context: the first prompt (tool
 * declaration, one passage, the question) takes about 415 tokens, the forced call 66-72, the answer the rest of the
 * token budget. A client may ask for a larger budget when the served model has a larger context.
 */
public final class AssistantAgent {
    public static final String NAME = "assistant";
    /** Completion tokens of one run by default. */
    public static final int TOKENS = 96;

    private AssistantAgent() {
    }

    public static AgentDefinition definition(ChatModel model, SandboxToolExecutor tools, MemoryStore memory) {
        return new AgentDefinition(NAME, "answers questions from documents, with a calculator",
            new PromptTemplate("Answer from the context.\n{{context}}"), model,
            CalculatorArguments.narrow(tools.toolSpecs()), tools, memory, 1, null, Set.of(),
            new Budget(2, TOKENS, 120_000)).withToolChoice(ToolChoicePolicy.REQUIRED_FIRST_STEP);
    }
}

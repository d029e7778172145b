package dev.strata.orchestrator.agent;

import dev.strata.orchestrator.memory.MemoryStore;
import dev.strata.orchestrator.memory.SessionMemory;
import dev.strata.orchestrator.model.ChatModel;
import dev.strata.orchestrator.model.ToolSpec;
import dev.strata.orchestrator.workflow.Budget;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Everything that makes an agent: its prompt, model, tools, memory and default budget.
 *
 * @param name                 registry name (what {@code RunRequest.agent} names)
 * @param description          what it is for (used by embedding routing)
 * @param systemPrompt         template with optional {{tools}}, {{context}}, {{summary}} placeholders
 * @param model                the chat model (usually a resilience decorator around the gRPC one)
 * @param tools                tools offered to the model
 * @param toolExecutor         runs the tool calls
 * @param memory               long-term memory to retrieve from before the first step, or null
 * @param retrieveK            passages to retrieve
 * @param sessions             session memory, or null
 * @param approvalRequiredFor  tool names whose calls wait for a human's approval
 * @param defaultBudget        budget of a run that asks for none
 * @param toolChoice           when the model must call a tool
 */
public record AgentDefinition(String name, String description, PromptTemplate systemPrompt, ChatModel model,
                              List<ToolSpec> tools, ToolExecutor toolExecutor, MemoryStore memory, int retrieveK,
                              SessionMemory sessions, Set<String> approvalRequiredFor, Budget defaultBudget,
                              ToolChoicePolicy toolChoice) {
    public AgentDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(systemPrompt, "systemPrompt");
        Objects.requireNonNull(model, "model");
        tools = tools == null ? List.of() : List.copyOf(tools);
        if (!tools.isEmpty()) {
            Objects.requireNonNull(toolExecutor, "agent " + name + ": tools need a toolExecutor");
        }
        description = description == null ? "" : description;
        approvalRequiredFor = approvalRequiredFor == null ? Set.of() : Set.copyOf(approvalRequiredFor);
        defaultBudget = defaultBudget == null ? new Budget(8, 4096, 120_000) : defaultBudget;
        toolChoice = toolChoice == null ? ToolChoicePolicy.AUTO : toolChoice;
        if (toolChoice == ToolChoicePolicy.REQUIRED_FIRST_STEP && tools.isEmpty()) {
            throw new IllegalArgumentException("agent " + name + ": tool choice " + toolChoice + " needs tools");
        }
    }

    /** An agent whose model calls tools as it likes ({@link ToolChoicePolicy#AUTO}). */
    public AgentDefinition(String name, String description, PromptTemplate systemPrompt, ChatModel model,
                           List<ToolSpec> tools, ToolExecutor toolExecutor, MemoryStore memory, int retrieveK,
                           SessionMemory sessions, Set<String> approvalRequiredFor, Budget defaultBudget) {
        this(name, description, systemPrompt, model, tools, toolExecutor, memory, retrieveK, sessions,
            approvalRequiredFor, defaultBudget, ToolChoicePolicy.AUTO);
    }

    /** The same agent with another tool-choice policy. */
    public AgentDefinition withToolChoice(ToolChoicePolicy policy) {
        return new AgentDefinition(name, description, systemPrompt, model, tools, toolExecutor, memory, retrieveK,
            sessions, approvalRequiredFor, defaultBudget, policy);
    }

    /** A minimal agent: a prompt and a model, no tools or memory. */
    public static AgentDefinition simple(String name, String prompt, ChatModel model) {
        return new AgentDefinition(name, "", new PromptTemplate(prompt), model, List.of(), null, null, 0, null,
            Set.of(), null);
    }
}

package dev.strata.tools.invoke;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.tools.builtin.CalculatorTool;
import dev.strata.tools.builtin.InProcessRunner;
import dev.strata.tools.builtin.RetrievalTool;
import dev.strata.tools.builtin.Retriever;
import dev.strata.tools.declaration.DeclarationParser;
import dev.strata.tools.registry.ToolRegistry;
import dev.strata.tools.schema.Violation;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ToolInvokerTest {
    private final ToolRegistry registry = new ToolRegistry();
    private final InProcessRunner builtins = new InProcessRunner();
    private final ToolInvoker invoker = new ToolInvoker(registry);
    private final AtomicInteger runs = new AtomicInteger();

    ToolInvokerTest() {
        registry.register(builtins.add(new CalculatorTool()), builtins);
        registry.register(builtins.add(new RetrievalTool((q, k) -> {
            runs.incrementAndGet();
            return List.of(new Retriever.Passage("m1", "about " + q, 0.9));
        })), builtins);
        registry.register(new DeclarationParser().parse("""
            name: person
            description: takes a person
            command: ["/bin/cat"]
            arguments_schema:
              type: object
              required: [name, age]
              properties:
                name: {type: string, minLength: 2}
                age: {type: integer, minimum: 0}
                tags: {type: array, items: {type: string}}
            """, "person.yaml"), builtins);
    }

    @Test
    void everyViolationIsListedWithItsJsonPathBeforeAnythingRuns() {
        ToolOutcome out = invoker.invoke(ToolCall.of("person", "{\"name\":\"x\",\"age\":-1,\"tags\":[\"a\",7]}", Set.of()), OutputListener.NONE);
        ToolError e = ((ToolOutcome.Failure) out).error();
        assertThat(e.code()).isEqualTo(ToolErrorCode.INVALID_ARGUMENTS);
        assertThat(e.violations()).extracting(Violation::path).containsExactlyInAnyOrder("$.name", "$.age", "$.tags[1]");
        assertThat(e.callId()).isNotEmpty();

        ToolError missing = ((ToolOutcome.Failure) invoker.invoke(ToolCall.of("person", "{}", Set.of()), OutputListener.NONE)).error();
        assertThat(missing.violations()).extracting(Violation::path).containsExactlyInAnyOrder("$.name", "$.age");
        assertThat(missing.violations().get(0).message()).contains("required");

        ToolError notJson = ((ToolOutcome.Failure) invoker.invoke(ToolCall.of("person", "{name:", Set.of()), OutputListener.NONE)).error();
        assertThat(notJson.code()).isEqualTo(ToolErrorCode.INVALID_ARGUMENTS);
        assertThat(notJson.message()).contains("not valid JSON");
    }

    @Test
    void calculatorComputesAndReportsBadExpressions() {
        ToolOutcome ok = invoker.invoke(ToolCall.of("calculator", "{\"expression\":\"2*(3+4)^2 - 10/4\"}", Set.of()), OutputListener.NONE);
        JsonNode result = ((ToolOutcome.Success) ok).result();
        assertThat(result.get("value").asDouble()).isEqualTo(95.5);
        ToolError bad = ((ToolOutcome.Failure) invoker.invoke(ToolCall.of("calculator", "{\"expression\":\"1/(2-2)\"}", Set.of()), OutputListener.NONE)).error();
        assertThat(bad.code()).isEqualTo(ToolErrorCode.TOOL_FAILED);
        assertThat(bad.message()).contains("division by zero");
        ToolError deep = ((ToolOutcome.Failure) invoker.invoke(ToolCall.of("calculator",
            "{\"expression\":\"" + "(".repeat(300) + "1" + ")".repeat(300) + "\"}", Set.of()), OutputListener.NONE)).error();
        assertThat(deep.message()).contains("nesting deeper");
    }

    @Test
    void unknownToolsAndMissingScopesAreRefused() {
        assertThat(((ToolOutcome.Failure) invoker.invoke(ToolCall.of("nope", "{}", Set.of()), OutputListener.NONE)).error().code())
            .isEqualTo(ToolErrorCode.NOT_FOUND);
        ToolError denied = ((ToolOutcome.Failure) invoker.invoke(ToolCall.of("retrieve_memory", "{\"query\":\"q\"}", Set.of()), OutputListener.NONE)).error();
        assertThat(denied.code()).isEqualTo(ToolErrorCode.PERMISSION_DENIED);
        assertThat(denied.message()).contains("memory:read");
        assertThat(runs).hasValue(0);
    }

    @Test
    void idempotencyKeyReplaysTheRecordedResult() {
        ToolCall call = new ToolCall("retrieve_memory", "{\"query\":\"cats\",\"k\":1}", Set.of("memory:read"), "key-1", "");
        ToolOutcome.Success first = (ToolOutcome.Success) invoker.invoke(call, OutputListener.NONE);
        ToolOutcome.Success second = (ToolOutcome.Success) invoker.invoke(call, OutputListener.NONE);
        assertThat(first.replayed()).isFalse();
        assertThat(second.replayed()).isTrue();
        assertThat(second.result()).isEqualTo(first.result());
        assertThat(second.callId()).isEqualTo(first.callId());
        assertThat(runs).hasValue(1);
        assertThat(first.result().path("passages").get(0).path("text").asString()).isEqualTo("about cats");
    }
}

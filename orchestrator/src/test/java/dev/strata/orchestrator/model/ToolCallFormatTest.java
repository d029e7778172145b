package dev.strata.orchestrator.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ToolCallFormatTest {
    @Test
    void schemaNamesTheTools() {
        assertThat(ToolCallFormat.schema(List.of(new ToolSpec("add", "", null)))).contains("\"enum\":[\"add\"]");
    }

    @Test
    void parsesCallsAnswersAndProse() {
        ChatResponse calls = ToolCallFormat.parse("{\"tool_calls\":[{\"name\":\"add\",\"arguments\":{\"a\":1}}]}", "c", 1, 2, "m");
        assertThat(calls.toolCalls()).containsExactly(new ToolCall("c0", "add", "{\"a\":1}"));
        assertThat(ToolCallFormat.parse("{\"answer\":\"hi\"}", "c", 0, 0, "m").text()).isEqualTo("hi");
        assertThat(ToolCallFormat.parse("just prose {", "c", 0, 0, "m").text()).isEqualTo("just prose {");
        assertThat(ToolCallFormat.parse("[1]", "c", 0, 0, "m").toolCalls()).isEmpty();
    }
}

package dev.strata.orchestrator.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.orchestrator.tools.CalculatorArguments;
import dev.strata.orchestrator.tools.SandboxToolExecutor;
import dev.strata.tools.builtin.CalculatorTool;
import dev.strata.tools.builtin.InProcessRunner;
import dev.strata.tools.invoke.ToolInvoker;
import dev.strata.tools.registry.ToolRegistry;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The forced-call regex over plain java.util.regex; cli's ForcedToolCallDecodingTest drives the server's decoder. */
class ForcedToolCallTest {
    private static SandboxToolExecutor calculator() {
        ToolRegistry registry = new ToolRegistry();
        InProcessRunner builtins = new InProcessRunner();
        registry.register(builtins.add(new CalculatorTool()), builtins);
        return new SandboxToolExecutor(new ToolInvoker(registry), Set.of());
    }

    @Test
    void theRegexMatchesOneCallWithAValidExpressionAndNothingElse() {
        String regex = ForcedToolCall.regex(CalculatorArguments.narrow(calculator().toolSpecs()));
        Pattern p = Pattern.compile(regex);
        assertThat(p.matcher("{\"tool_calls\": [{\"name\": \"calculator\", \"arguments\": {\"expression\": \"12 * 7\"}}]}").matches()).isTrue();
        assertThat(p.matcher("{\"tool_calls\": [{\"name\": \"calculator\", \"arguments\": {\"expression\": \"3+4/21\"}}]}").matches()).isTrue();
        assertThat(p.matcher("{\"tool_calls\": [{\"name\": \"calculator\", \"arguments\": {\"expression\": \"Once upon a time\"}}]}").matches()).isFalse();
        assertThat(p.matcher("{\"tool_calls\": [{\"name\": \"calculator\", \"arguments\": {\"expression\": \"7 / 0\"}}]}").matches()).isFalse();
        assertThat(p.matcher("{\"tool_calls\": [{\"name\": \"calculator\", \"arguments\": {\"expression\": \"123 * 7\"}}]}").matches()).isFalse();
        assertThat(p.matcher("{\"tool_calls\": [{\"name\": \"clock\", \"arguments\": {\"expression\": \"1+1\"}}]}").matches()).isFalse();
        assertThat(p.matcher("{\"tool_calls\": []}").matches()).isFalse();
        assertThat(p.matcher("{\"answer\": \"84\"}").matches()).isFalse();
    }

    @Test
    void aSchemaThatCannotBeForcedIsRefusedNamingToolAndPointer() {
        assertThatThrownBy(() -> ForcedToolCall.regex(List.of(new ToolSpec("t", "", "{\"type\":\"object\","
            + "\"properties\":{\"q\":{\"type\":\"string\",\"pattern\":\"a\\\"b\"}},\"required\":[\"q\"]}"))))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tool t").hasMessageContaining("#/properties/q/pattern");
        assertThatThrownBy(() -> ForcedToolCall.regex(List.of(new ToolSpec("t", "", "{\"type\":\"object\","
            + "\"properties\":{\"q\":{}},\"required\":[\"q\"]}"))))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("#/properties/q");
        assertThatThrownBy(() -> ForcedToolCall.regex(List.of(new ToolSpec("t", "", "{not json"))))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not valid JSON");
    }

    @Test
    void optionalMembersAreLeftOutAndEnumsAndIntegersAreExact() {
        String regex = ForcedToolCall.regex(List.of(new ToolSpec("pick", "", "{\"type\":\"object\",\"properties\":{"
            + "\"color\":{\"enum\":[\"red\",\"blue\"]},\"n\":{\"type\":\"integer\"},\"note\":{\"type\":\"string\"}},"
            + "\"required\":[\"color\",\"n\"]}")));
        Pattern p = Pattern.compile(regex);
        assertThat(p.matcher("{\"tool_calls\": [{\"name\": \"pick\", \"arguments\": {\"color\": \"red\", \"n\": -12}}]}").matches()).isTrue();
        assertThat(p.matcher("{\"tool_calls\": [{\"name\": \"pick\", \"arguments\": {\"color\": \"green\", \"n\": 1}}]}").matches()).isFalse();
        assertThat(p.matcher("{\"tool_calls\": [{\"name\": \"pick\", \"arguments\": {\"color\": \"red\", \"n\": 1.5}}]}").matches()).isFalse();
    }
}

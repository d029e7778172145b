package dev.strata.tools.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.tools.builtin.CalculatorTool;
import dev.strata.tools.builtin.ClockTool;
import dev.strata.tools.builtin.InProcessRunner;
import dev.strata.tools.declaration.DeclarationException;
import dev.strata.tools.declaration.DeclarationParser;
import dev.strata.tools.declaration.ToolDeclaration;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ToolRegistryTest {
    private final DeclarationParser parser = new DeclarationParser();

    private ToolDeclaration wordCount() {
        return parser.parse("""
            name: word_count
            description: Counts the words of a text
            command: ["/bin/cat"]
            arguments_schema: {type: object, properties: {text: {type: string}}, required: [text]}
            result_schema: {type: object, properties: {count: {type: integer}}}
            scopes: [tools:text]
            """, "wc.yaml");
    }

    @Test
    void openAiAndMcpFormatsComeFromTheSameDeclaration() {
        ToolRegistry registry = new ToolRegistry();
        InProcessRunner runner = new InProcessRunner();
        registry.register(wordCount(), runner);
        registry.register(runner.add(new CalculatorTool()), runner);

        var openai = OpenAiToolFormat.tools(registry.list());
        assertThat(openai).hasSize(2);
        assertThat(openai.get(0).path("function").path("name").asString()).isEqualTo("calculator");
        var wc = openai.get(1);
        assertThat(wc.path("type").asString()).isEqualTo("function");
        assertThat(wc.path("function").path("description").asString()).isEqualTo("Counts the words of a text");
        assertThat(wc.path("function").path("parameters")).isEqualTo(wordCount().argumentsSchema());

        McpSchema.Tool mcp = McpToolFormat.tool(registry.find("word_count").orElseThrow().declaration());
        assertThat(mcp.name()).isEqualTo("word_count");
        assertThat(mcp.description()).isEqualTo("Counts the words of a text");
        assertThat(mcp.inputSchema()).containsEntry("type", "object").containsEntry("required", List.of("text"));
        assertThat(mcp.outputSchema()).containsEntry("properties", Map.of("count", Map.of("type", "integer")));
    }

    @Test
    void listsByScopeAndRejectsDuplicatesAndBadSchemas() {
        ToolRegistry registry = new ToolRegistry();
        InProcessRunner runner = new InProcessRunner();
        registry.register(wordCount(), runner);
        registry.register(runner.add(new ClockTool(Clock.systemUTC())), runner);
        assertThat(registry.listAllowed(Set.of()).stream().map(RegisteredTool::name)).containsExactly("clock");
        assertThat(registry.listAllowed(Set.of("tools:text")).stream().map(RegisteredTool::name)).containsExactly("clock", "word_count");
        assertThatThrownBy(() -> registry.register(wordCount(), runner)).isInstanceOf(DeclarationException.class)
            .hasMessageContaining("already registered");
        ToolDeclaration bad = parser.parse("""
            name: bad
            description: bad schema
            command: ["/bin/cat"]
            arguments_schema: {type: object, properties: {n: {type: 12}}}
            """, "bad.yaml");
        assertThatThrownBy(() -> registry.register(bad, runner)).isInstanceOf(DeclarationException.class)
            .hasMessageContaining("bad.arguments_schema");
    }

    @Test
    void prespawnDepthComesFromTheEnvironmentAndBadValuesAreNamed() {
        assertThat(ToolCatalog.prespawnDepth(null)).isZero();
        assertThat(ToolCatalog.prespawnDepth(" 2 ")).isEqualTo(2);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ToolCatalog.prespawnDepth("lots"))
            .hasMessageContaining("STRATA_TOOLS_PRESPAWN must be a number 0..8, got 'lots'");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ToolCatalog.prespawnDepth("9")).hasMessageContaining("0..8");
    }
}

package dev.strata.tools.builtin;

import dev.strata.tools.declaration.ToolDeclaration;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code calculator}: evaluates an arithmetic expression, because models are bad at arithmetic. */
public final class CalculatorTool implements BuiltinTool {
    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private final ToolDeclaration declaration = new ToolDeclaration("calculator",
        "Evaluates an arithmetic expression with + - * / % ^ and parentheses",
        "1", List.of(),
        MAPPER.readTree("""
            {"type":"object","properties":{"expression":{"type":"string","minLength":1,"maxLength":1000}},
             "required":["expression"],"additionalProperties":false}"""),
        MAPPER.readTree("""
            {"type":"object","properties":{"value":{"type":"number"}},"required":["value"]}"""),
        null, List.of(), List.of(), List.of());

    @Override
    public ToolDeclaration declaration() {
        return declaration;
    }

    @Override
    public JsonNode call(JsonNode arguments) throws ToolFailure {
        try {
            double v = ArithmeticParser.evaluate(arguments.get("expression").asString());
            if (!Double.isFinite(v)) {
                throw new ToolFailure("result is not a finite number");
            }
            return MAPPER.createObjectNode().put("value", v);
        } catch (IllegalArgumentException e) {
            throw new ToolFailure(e.getMessage());
        }
    }
}

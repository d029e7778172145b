package dev.strata.orchestrator.tools;

import dev.strata.orchestrator.model.ToolSpec;
import java.util.List;

/**
 * The calculator's arguments narrowed for constrained decoding. Its own schema accepts any string of 1-1000
 * characters as {@code expression}, so a call forced on a small model carries prose the parser rejects. Offered with
 * this schema instead, a forced call can only carry two or three whole numbers of one or two digits (no leading zero,
 * so no division by zero) joined by {@code + - * /}: every such string is in the tool's own language and evaluates to
 * a finite number. The tool still validates against its own schema when it runs. The language and the description
 * are kept short on purpose: both are shown to the model, whose context may be small (512 tokens by default).
 */
public final class CalculatorArguments {
    /** Two or three numbers of up to two digits, joined by an operator with optional spaces around it. */
    public static final String EXPRESSION_PATTERN = "[1-9][0-9]?( ?[-+*/] ?[1-9][0-9]?){1,2}";
    public static final String DESCRIPTION = "arithmetic";
    public static final String SCHEMA = "{\"type\":\"object\",\"properties\":{\"expression\":{\"type\":\"string\","
        + "\"pattern\":\"" + EXPRESSION_PATTERN + "\"}},\"required\":[\"expression\"]}";

    private CalculatorArguments() {
    }

    /** These specs, with the calculator's (tool name {@code calculator}) arguments narrowed to {@link #SCHEMA}. */
    public static List<ToolSpec> narrow(List<ToolSpec> specs) {
        return specs.stream()
            .map(t -> t.name().equals("calculator") ? new ToolSpec(t.name(), DESCRIPTION, SCHEMA) : t)
            .toList();
    }
}

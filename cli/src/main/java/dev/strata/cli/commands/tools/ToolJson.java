package dev.strata.cli.commands.tools;

import dev.strata.tools.declaration.ToolDeclaration;
import dev.strata.tools.invoke.ToolError;
import dev.strata.tools.registry.OpenAiToolFormat;
import dev.strata.tools.registry.RegisteredTool;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The JSON the tools commands print (one document per run, so scripts can parse it). */
final class ToolJson {
    static final JsonMapper MAPPER = JsonMapper.builder().build();

    private ToolJson() {
    }

    static ObjectNode describe(RegisteredTool tool) {
        ToolDeclaration d = tool.declaration();
        ObjectNode n = MAPPER.createObjectNode();
        n.put("name", d.name()).put("description", d.description()).put("version", d.version()).put("runner", tool.runner().kind());
        if (d.sandboxed()) {
            n.set("command", MAPPER.valueToTree(d.command()));
            var l = d.limits();
            n.putObject("limits").put("wall_time_ms", l.wallTimeMs()).put("cpu_time_ms", l.cpuTimeMs())
                .put("memory_mb", l.memoryMb()).put("pids", l.pids()).put("output_bytes", l.outputBytes());
            n.set("network", MAPPER.valueToTree(d.network()));
        }
        n.set("scopes", MAPPER.valueToTree(d.scopes()));
        n.set("arguments_schema", d.argumentsSchema());
        if (d.resultSchema() != null) {
            n.set("result_schema", d.resultSchema());
        }
        n.set("openai", OpenAiToolFormat.entry(d));
        return n;
    }

    static ObjectNode error(ToolError e) {
        ObjectNode n = MAPPER.createObjectNode();
        ObjectNode err = n.putObject("error");
        err.put("code", e.code().name()).put("message", e.message());
        var violations = err.putArray("violations");
        e.violations().forEach(v -> violations.addObject().put("path", v.path()).put("message", v.message()));
        if (e.exitCode() != null) {
            err.put("exit_code", e.exitCode());
        }
        err.put("duration_ms", e.durationMs()).put("call_id", e.callId());
        return n;
    }
}

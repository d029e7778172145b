package dev.strata.tools.grpc;

import dev.strata.proto.tool.v1.Limits;
import dev.strata.proto.tool.v1.ToolDescriptor;
import dev.strata.proto.tool.v1.ToolError;
import dev.strata.proto.tool.v1.ToolErrorCode;
import dev.strata.proto.tool.v1.ToolResult;
import dev.strata.proto.tool.v1.Violation;
import dev.strata.tools.declaration.ToolDeclaration;
import dev.strata.tools.invoke.ToolOutcome;
import dev.strata.tools.registry.RegisteredTool;
import tools.jackson.databind.json.JsonMapper;

/** Our types in the {@code strata.tool.v1} wire types. */
public final class ProtoMapping {
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private ProtoMapping() {
    }

    /** The descriptor of a registered tool. */
    public static ToolDescriptor descriptor(RegisteredTool tool) {
        ToolDeclaration d = tool.declaration();
        var l = d.limits();
        ToolDescriptor.Builder b = ToolDescriptor.newBuilder().setName(d.name()).setDescription(d.description())
            .setVersion(d.version()).setArgumentsSchemaJson(MAPPER.writeValueAsString(d.argumentsSchema()))
            .setResultSchemaJson(d.resultSchema() == null ? "" : MAPPER.writeValueAsString(d.resultSchema()))
            .addAllScopes(d.scopes()).setRunner(tool.runner().kind()).addAllNetworkAllow(d.network());
        if (d.sandboxed()) {
            b.setLimits(Limits.newBuilder().setWallTimeMs(l.wallTimeMs()).setCpuTimeMs(l.cpuTimeMs())
                .setMemoryMb(l.memoryMb()).setPids(l.pids()).setOutputBytes(l.outputBytes()));
        }
        return b.build();
    }

    /** A successful outcome. */
    public static ToolResult result(ToolOutcome.Success s) {
        return ToolResult.newBuilder().setResultJson(MAPPER.writeValueAsString(s.result())).setDurationMs(s.durationMs())
            .setCallId(s.callId()).setReplayed(s.replayed()).build();
    }

    /** A failed outcome. */
    public static ToolError error(dev.strata.tools.invoke.ToolError e) {
        ToolError.Builder b = ToolError.newBuilder().setCode(code(e.code())).setMessage(e.message())
            .setDurationMs(e.durationMs()).setCallId(e.callId());
        if (e.exitCode() != null) {
            b.setExitCode(e.exitCode());
        }
        e.violations().forEach(v -> b.addViolations(Violation.newBuilder().setPath(v.path()).setMessage(v.message())));
        return b.build();
    }

    static ToolErrorCode code(dev.strata.tools.invoke.ToolErrorCode c) {
        return ToolErrorCode.valueOf("TOOL_ERROR_CODE_" + c.name());
    }
}

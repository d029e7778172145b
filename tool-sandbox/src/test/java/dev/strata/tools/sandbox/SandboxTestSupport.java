package dev.strata.tools.sandbox;

import dev.strata.tools.declaration.DeclarationParser;
import dev.strata.tools.declaration.ToolDeclaration;
import dev.strata.tools.invoke.OutputListener;
import dev.strata.tools.invoke.OutputStreamKind;
import dev.strata.tools.invoke.ToolOutcome;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.json.JsonMapper;

/** Declares throw-away sandboxed tools for tests and captures their streamed output. */
final class SandboxTestSupport {
    static final SandboxHost HOST = SandboxHost.probe();
    static final JsonMapper MAPPER = JsonMapper.builder().build();

    private SandboxTestSupport() {
    }

    /** A python tool running {@code code}, with limits as YAML flow mapping entries. */
    static ToolDeclaration python(String name, String code, String limits) {
        String yaml = "name: " + name + "\ndescription: test tool\n"
            + "command: " + MAPPER.writeValueAsString(java.util.List.of("/usr/bin/python3", "-c", code)) + "\n"
            + "arguments_schema: {type: object}\n"
            + "limits: {" + limits + "}\n";
        return new DeclarationParser().parse(yaml, name + ".yaml");
    }

    static ToolDeclaration shell(String name, String script, String limits) {
        String yaml = "name: " + name + "\ndescription: test tool\n"
            + "command: " + MAPPER.writeValueAsString(java.util.List.of("/bin/sh", "-c", script)) + "\n"
            + "arguments_schema: {type: object}\n"
            + "limits: {" + limits + "}\n";
        return new DeclarationParser().parse(yaml, name + ".yaml");
    }

    /** Collects what a run streamed. */
    static final class Captured implements OutputListener {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        volatile int chunks;

        @Override
        public synchronized void onOutput(OutputStreamKind stream, byte[] data, int offset, int length) {
            (stream == OutputStreamKind.STDOUT ? out : err).write(data, offset, length);
            chunks++;
        }

        synchronized String stderr() {
            return err.toString(StandardCharsets.UTF_8);
        }

        synchronized String stdout() {
            return out.toString(StandardCharsets.UTF_8);
        }
    }

    static String describe(ToolOutcome o) {
        return switch (o) {
            case ToolOutcome.Success s -> "success " + s.result();
            case ToolOutcome.Failure f -> f.error().code() + ": " + f.error().message();
        };
    }
}

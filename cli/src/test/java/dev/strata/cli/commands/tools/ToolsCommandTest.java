package dev.strata.cli.commands.tools;

import static dev.strata.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code strata tools} end to end, in-process, with real sandboxed runs. */
@Tag("integration")
class ToolsCommandTest {
    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    static final String WORD_COUNT = """
        name: word_count
        description: Counts the words of a text
        command: ["/usr/bin/python3", "-c", "import json,sys; a=json.load(sys.stdin); print(json.dumps({'count': len(a['text'].split())}))"]
        arguments_schema: {type: object, properties: {text: {type: string}}, required: [text]}
        result_schema: {type: object, properties: {count: {type: integer}}}
        limits: {wall_time_ms: 2000, cpu_time_ms: 1000, memory_mb: 256, pids: 32, output_bytes: 1048576}
        network: []
        scopes: [tools:text]
        """;

    @TempDir
    Path dir;

    @Test
    void runsAToolDeclaredInAFile() throws Exception {
        Path file = dir.resolve("wc.yaml");
        Files.writeString(file, WORD_COUNT);
        CliRun ok = run("tools", "run", "--tool-file", file.toString(), "--args", "{\"text\": \"a b c\"}");
        assertThat(ok.code()).as(ok.err() + ok.out()).isZero();
        assertThat(MAPPER.readTree(ok.out()).get("count").asInt()).isEqualTo(3);

        CliRun bad = run("tools", "run", "--tool-file", file.toString(), "--args", "{\"text\": 5}");
        assertThat(bad.code()).isEqualTo(1);
        JsonNode error = MAPPER.readTree(bad.out()).get("error");
        assertThat(error.get("code").asString()).isEqualTo("INVALID_ARGUMENTS");
        assertThat(error.get("violations").get(0).get("path").asString()).isEqualTo("$.text");
    }

    @Test
    void limitHitIsAStructuredErrorAndNonZeroExit() throws Exception {
        Path file = dir.resolve("spin.json");
        Files.writeString(file, """
            {"name": "spin", "description": "spins", "command": ["/bin/sh", "-c", "while :; do :; done"],
             "arguments_schema": {"type": "object"}, "limits": {"wall_time_ms": 500, "cpu_time_ms": 10000}}""");
        CliRun r = run("tools", "run", "--tool-file", file.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(MAPPER.readTree(r.out()).get("error").get("code").asString()).isEqualTo("TIMEOUT");
    }

    @Test
    void listsAndDescribesBuiltinsAndDeclaredTools() throws Exception {
        Files.writeString(dir.resolve("wc.yaml"), WORD_COUNT);
        CliRun list = run("tools", "list", "--tools-dir", dir.toString());
        assertThat(list.code()).as(list.err()).isZero();
        assertThat(list.out()).containsPattern("(?m)^calculator\\s+in-process").containsPattern("(?m)^word_count\\s+sandbox");
        CliRun describe = run("tools", "describe", "word_count", "--tools-dir", dir.toString());
        JsonNode d = MAPPER.readTree(describe.out());
        assertThat(d.get("limits").get("wall_time_ms").asInt()).isEqualTo(2000);
        assertThat(d.get("openai").get("function").get("name").asString()).isEqualTo("word_count");
        CliRun calc = run("tools", "run", "calculator", "--args", "{\"expression\": \"1+2*3\"}");
        assertThat(MAPPER.readTree(calc.out()).get("value").asDouble()).isEqualTo(7.0);
        CliRun missing = run("tools", "describe", "nope");
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.err()).contains("no tool named 'nope'");
        CliRun badFile = run("tools", "run", "--tool-file", dir.resolve("absent.yaml").toString());
        assertThat(badFile.code()).isEqualTo(1);
        assertThat(badFile.err()).contains("absent.yaml");
    }

    @Test
    void doctorSaysWhatIsolationThisHostGives() {
        CliRun r = run("tools", "doctor");
        assertThat(r.code()).as(r.err() + r.out()).isZero();
        assertThat(r.out()).contains("sandbox:        ok", "network lists:  ok").containsPattern("limits: +cgroup v2 limits (on|off)");
    }

    @Test
    void aToolFileWithANetworkAllowListReachesItsHostPort() throws Exception {
        try (var server = new java.net.ServerSocket(0, 5, java.net.InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> {
                try (var s = server.accept()) {
                    s.getOutputStream().write("{\"greeting\": \"hi from the host\"}\n".getBytes());
                } catch (java.io.IOException e) {
                    // test fails on the assertion below
                }
            });
            Path file = dir.resolve("net.yaml");
            Files.writeString(file, """
                name: fetch
                description: reads one line from an allowed server
                command: ["/usr/bin/python3", "-c", "import socket; print(socket.create_connection(('127.0.0.1', %d), 5).makefile().readline())"]
                arguments_schema: {type: object}
                network: ["127.0.0.1:%d"]
                """.formatted(server.getLocalPort(), server.getLocalPort()));
            CliRun ok = run("tools", "run", "--tool-file", file.toString(), "--args", "{}");
            assertThat(ok.code()).as(ok.err() + ok.out()).isZero();
            assertThat(MAPPER.readTree(ok.out()).get("greeting").asString()).isEqualTo("hi from the host");
        }
    }
}

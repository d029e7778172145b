package dev.strata.tools.declaration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

public class DeclarationParserTest {
    public static final String WORD_COUNT_YAML = """
        name: word_count
        description: Counts the words of a text
        command: ["/usr/bin/python3", "-c", "import json,sys; a=json.load(sys.stdin); print(json.dumps({'count': len(a['text'].split())}))"]
        arguments_schema: {type: object, properties: {text: {type: string}}, required: [text]}
        result_schema: {type: object, properties: {count: {type: integer}}}
        limits: {wall_time_ms: 2000, cpu_time_ms: 1000, memory_mb: 256, pids: 32, output_bytes: 1048576}
        network: []          # allow-list of host:port; empty means no network
        scopes: [tools:text]
        """;

    private final DeclarationParser parser = new DeclarationParser();

    @Test
    void readsTheIssueExampleFromAFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("wc.yaml");
        Files.writeString(file, WORD_COUNT_YAML);
        ToolDeclaration d = parser.parse(file);
        assertThat(d.name()).isEqualTo("word_count");
        assertThat(d.command()).hasSize(3).first().isEqualTo("/usr/bin/python3");
        assertThat(d.argumentsSchema().path("required").get(0).asString()).isEqualTo("text");
        assertThat(d.limits()).isEqualTo(new Limits(2000, 1000, 256, 32, 1048576));
        assertThat(d.network()).isEmpty();
        assertThat(d.scopes()).containsExactly("tools:text");
        assertThat(d.sandboxed()).isTrue();
    }

    @Test
    void readsJson() {
        ToolDeclaration d = parser.parse("""
            {"name":"echo","description":"echo","command":["/bin/cat"],"arguments_schema":{"type":"object"},
             "limits":{"wall_time_ms":500}}""", "echo.json");
        assertThat(d.limits().wallTimeMs()).isEqualTo(500);
        assertThat(d.limits().pids()).isEqualTo(Limits.DEFAULTS.pids());
        assertThat(d.resultSchema()).isNull();
    }

    @Test
    void rejectsUnknownKeysNamingSourceAndKey() {
        assertThatThrownBy(() -> parser.parse(WORD_COUNT_YAML.replace("limits: {wall_time_ms", "limits: {wall_time"), "wc.yaml"))
            .isInstanceOf(DeclarationException.class).hasMessageContaining("wc.yaml").hasMessageContaining("limits.wall_time");
        assertThatThrownBy(() -> parser.parse(WORD_COUNT_YAML + "colour: red\n", "wc.yaml"))
            .hasMessageContaining("unknown key 'colour'");
    }

    @Test
    void rejectsWrongTypesAndBadValues() {
        assertThatThrownBy(() -> parser.parse(WORD_COUNT_YAML.replace("pids: 32", "pids: many"), "x.yaml"))
            .hasMessageContaining("'limits.pids' must be an integer");
        assertThatThrownBy(() -> parser.parse(WORD_COUNT_YAML.replace("pids: 32", "pids: 0"), "x.yaml"))
            .hasMessageContaining("limits.pids must be > 0");
        assertThatThrownBy(() -> parser.parse(WORD_COUNT_YAML.replace("name: word_count", "name: 'bad name!'"), "x.yaml"))
            .hasMessageContaining("name must match");
        assertThatThrownBy(() -> parser.parse(WORD_COUNT_YAML.replace("network: []", "network: [example.com]"), "x.yaml"))
            .hasMessageContaining("not host:port");
        assertThatThrownBy(() -> parser.parse("- a\n- b\n", "x.yaml")).hasMessageContaining("must be a mapping");
        assertThatThrownBy(() -> parser.parse("name: [unclosed", "x.yaml")).hasMessageContaining("not valid YAML");
        assertThatThrownBy(() -> parser.parse("name: a\ndescription: b\n", "x.yaml"))
            .hasMessageContaining("missing required key 'arguments_schema'");
    }
}

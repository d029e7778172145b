package dev.strata.cli.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    @TempDir
    Path dir;

    private Path yaml(String text) throws Exception {
        return Files.writeString(dir.resolve("strata.yaml"), text);
    }

    @Test
    void defaultsWithoutAFile() {
        assertThat(ConfigLoader.load(null, Map.of())).isEqualTo(StrataConfig.DEFAULTS);
    }

    @Test
    void theExampleFileDocumentsEveryKeyWithItsDefault() throws Exception {
        Path example = Path.of(System.getProperty("maven.multiModuleProjectDirectory", ".."), "strata.example.yaml");
        if (!Files.exists(example)) example = Path.of("../strata.example.yaml");
        assertThat(ConfigLoader.load(example, Map.of())).isEqualTo(StrataConfig.DEFAULTS);
        String text = Files.readString(example);
        for (String key : ConfigLoader.leafKeys(StrataConfig.class, "")) {
            String leaf = key.substring(key.lastIndexOf('.') + 1);
            assertThat(text).as("example mentions " + key).containsPattern("(?m)^\\s+" + leaf + ":");
        }
    }

    @Test
    void fileValuesOverrideDefaultsAndEnvironmentOverridesTheFile() throws Exception {
        Path f = yaml("""
            server:
              http_port: 9000
              grpc_port: 9001
            engine:
              name: djl
            """);
        StrataConfig c = ConfigLoader.load(f, Map.of("STRATA_SERVER_GRPC_PORT", "7000", "STRATA_ENGINE_DEVICE", "cuda:1",
            "UNRELATED", "x"));
        assertThat(c.server().httpPort()).isEqualTo(9000);
        assertThat(c.server().grpcPort()).isEqualTo(7000);
        assertThat(c.engine().name()).isEqualTo("djl");
        assertThat(c.engine().device()).isEqualTo("cuda:1");
        assertThat(c.server().maxQueuedRequests()).isEqualTo(StrataConfig.DEFAULTS.server().maxQueuedRequests());
    }

    @Test
    void invalidValuesNameKeyValueOriginAndWhatIsAccepted() throws Exception {
        Path f = yaml("""
            server:
              http_port: 70000
              max_running_requests: lots
            engine:
              device: gpu
              dtype: int3
            """);
        assertThatThrownBy(() -> ConfigLoader.load(f, Map.of()))
            .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactly(
                "config error: engine.device = 'gpu' (from " + f + "): accepted: cpu or cuda:N (N = GPU index, e.g. cuda:0)",
                "config error: engine.dtype = 'int3' (from " + f + "): accepted: fp32 | fp16 | bf16",
                "config error: server.http_port = '70000' (from " + f + "): accepted: an integer in 0..65535",
                "config error: server.max_running_requests = 'lots' (from " + f + "): accepted: an integer in 1..4096"));
    }

    @Test
    void environmentValuesAreValidatedToo() {
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("STRATA_LOGGING_FORMAT", "xml")))
            .hasMessage("config error: logging.format = 'xml' (from environment variable STRATA_LOGGING_FORMAT): accepted: text | json");
    }

    @Test
    void unknownKeysAreErrorsThatListTheAcceptedOnes() throws Exception {
        Path f = yaml("server:\n  htp_port: 1\nservr: {}\n");
        assertThatThrownBy(() -> ConfigLoader.load(f, Map.of()))
            .isInstanceOfSatisfying(ConfigException.class, e -> {
                assertThat(e.problems()).hasSize(2);
                assertThat(e.problems().get(0)).startsWith("config error: server.htp_port: unknown key")
                    .contains("accepted keys under server: grpc_port, host, http_port");
                assertThat(e.problems().get(1)).startsWith("config error: servr: unknown key").contains("server");
            });
    }

    @Test
    void structuralAndSyntaxErrors() throws Exception {
        Path scalarSection = yaml("server: 8080\n");
        assertThatThrownBy(() -> ConfigLoader.load(scalarSection, Map.of()))
            .hasMessageContaining("server = '8080'").hasMessageContaining("must be a section");

        Path list = yaml("- a\n- b\n");
        assertThatThrownBy(() -> ConfigLoader.load(list, Map.of())).hasMessageContaining("top level must be a map");

        Path broken = yaml("server:\n  http_port: [1,\n");
        assertThatThrownBy(() -> ConfigLoader.load(broken, Map.of()))
            .hasMessageStartingWith("config error: " + broken + ": line");

        assertThatThrownBy(() -> ConfigLoader.load(dir.resolve("missing.yaml"), Map.of()))
            .hasMessage("config error: " + dir.resolve("missing.yaml") + ": no such file");
    }

    @Test
    void emptyFileMeansDefaults() throws Exception {
        assertThat(ConfigLoader.load(yaml(""), Map.of())).isEqualTo(StrataConfig.DEFAULTS);
    }

    @Test
    void envNamesFollowTheDottedKeys() {
        assertThat(ConfigLoader.envName("server.max_request_bytes")).isEqualTo("STRATA_SERVER_MAX_REQUEST_BYTES");
        assertThat(ConfigLoader.leafKeys(StrataConfig.class, "")).contains("models.default_model", "engine.threads");
    }
}

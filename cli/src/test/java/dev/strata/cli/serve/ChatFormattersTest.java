package dev.strata.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.cli.UserException;
import dev.strata.server.chat.PlainChatFormatter;
import dev.strata.server.chat.TemplateChatFormatter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChatFormattersTest {
    static final Path SHARED = Path.of(System.getProperty("strata.shared", "../../shared"));

    @Test
    void usesTheTemplateBesideTheCheckpoint(@TempDir Path dir) throws Exception {
        Files.copy(SHARED.resolve("models/qwen2.5/tokenizer_config.json"), dir.resolve("tokenizer_config.json"));
        Path checkpoint = Files.writeString(dir.resolve("model.safetensors"), "");
        assertThat(ChatFormatters.forCheckpoint(checkpoint)).isInstanceOf(TemplateChatFormatter.class);
        assertThat(ChatFormatters.forCheckpoint(SHARED.resolve("models/stories260K/stories260K.bin"))).isInstanceOf(PlainChatFormatter.class);
        Files.writeString(dir.resolve("tokenizer_config.json"), "{\"bos_token\": \"<s>\"}");
        assertThat(ChatFormatters.forCheckpoint(checkpoint)).isInstanceOf(PlainChatFormatter.class);
    }

    @Test
    void aTemplateThatDoesNotParseIsAClearErrorNotAPlainFallback(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("tokenizer_config.json"), "{\"chat_template\": \"{% if %}\"}");
        Path checkpoint = Files.writeString(dir.resolve("model.safetensors"), "");
        assertThatThrownBy(() -> ChatFormatters.forCheckpoint(checkpoint)).isInstanceOf(UserException.class)
            .hasMessageContaining("tokenizer_config.json").hasMessageContaining("chat_template");
    }
}

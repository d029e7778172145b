package dev.strata.server.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.server.core.InvalidRequestException;
import dev.strata.server.testing.TestServers;
import dev.strata.tokenizer.chat.ChatTemplate;
import java.util.List;
import org.junit.jupiter.api.Test;

class TemplateChatFormatterTest {

    @Test
    void rendersQwenChatWithToolsAndToolCalls() {
        var formatter = new TemplateChatFormatter(ChatTemplate.fromTokenizerConfig(TestServers.shared().resolve("models/qwen2.5/tokenizer_config.json")));
        String tool = "{\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"parameters\":{\"type\":\"object\"}}}";
        String prompt = formatter.render(List.of(
            new ChatTurn("user", "Weather in Paris?", null, null, null),
            new ChatTurn("assistant", "", null, null, List.of(new ChatTurn.ToolCallText("c1", "get_weather", "{\"city\":\"Paris\"}"))),
            new ChatTurn("tool", "sunny", null, "c1", null)), List.of(tool), true);
        assertThat(prompt).startsWith("<|im_start|>system\n").contains("get_weather")
            .contains("<tool_call>\n{\"name\": \"get_weather\", \"arguments\": {\"city\": \"Paris\"}}\n</tool_call>")
            .contains("<tool_response>\nsunny\n</tool_response>").endsWith("<|im_start|>assistant\n");
        assertThat(formatter.includesSpecialTokens()).isTrue();
    }

    @Test
    void badToolArgumentsNameTheField() {
        var formatter = new TemplateChatFormatter(ChatTemplate.fromTokenizerConfig(TestServers.shared().resolve("models/qwen2.5/tokenizer_config.json")));
        assertThatThrownBy(() -> formatter.render(List.of(new ChatTurn("assistant", "", null, null,
            List.of(new ChatTurn.ToolCallText("c1", "f", "not json")))), List.of(), true))
            .isInstanceOf(InvalidRequestException.class).hasMessageContaining("messages[0].tool_calls");
    }
}

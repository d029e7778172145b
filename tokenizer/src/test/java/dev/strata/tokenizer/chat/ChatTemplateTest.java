package dev.strata.tokenizer.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.strata.tokenizer.SharedModels;
import dev.strata.tokenizer.TokenizerFormatException;
import dev.strata.tokenizer.chat.jinja.TemplateException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every chat template of ../shared/models (llama.cpp's verbatim HF templates and the tokenizer_config.json
 * ones) on every conversation of chat/cases.json, against Jinja2's rendering recorded in chat/expected.json
 * (see generate_expected.py): byte-identical output, or an exception where Jinja2 raised one.
 */
class ChatTemplateTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static Map<String, Map<String, Object>> load(String resource) throws Exception {
        try (InputStream in = ChatTemplateTest.class.getResourceAsStream(resource)) {
            return JSON.readValue(in, new TypeReference<>() {});
        }
    }

    static Stream<Arguments> renderings() throws Exception {
        Map<String, Map<String, Object>> expected = load("/chat/expected.json");
        List<Arguments> out = new ArrayList<>();
        for (var t : expected.entrySet()) for (String c : t.getValue().keySet()) out.add(Arguments.of(t.getKey(), c));
        return out.stream();
    }

    @SuppressWarnings("unchecked")
    @ParameterizedTest(name = "{0} / {1}")
    @MethodSource("renderings")
    void matchesJinja2(String templateName, String caseName) throws Exception {
        Map<String, Object> want = (Map<String, Object>) load("/chat/expected.json").get(templateName).get(caseName);
        Map<String, Object> c = load("/chat/cases.json").get(caseName);
        ChatTemplate template;
        Path file = SharedModels.model(templateName);
        if (templateName.endsWith(".json")) {
            template = ChatTemplate.fromTokenizerConfig(file);
        } else {
            template = ChatTemplate.of(Files.readString(file), "<s>", "</s>");
        }
        List<ChatMessage> messages = new ArrayList<>();
        for (Map<String, Object> m : (List<Map<String, Object>>) c.get("messages")) {
            messages.add(new ChatMessage((String) m.get("role"), m.get("content"), (List<Map<String, Object>>) m.get("tool_calls"),
                (String) m.get("tool_call_id"), (String) m.get("name")));
        }
        Map<String, Object> extra = new java.util.LinkedHashMap<>();
        extra.put("date_string", "26 Jul 2024");
        if (c.get("extra") != null) extra.putAll((Map<String, Object>) c.get("extra"));
        List<Map<String, Object>> tools = (List<Map<String, Object>>) c.get("tools");
        boolean gen = (Boolean) c.get("add_generation_prompt");
        if (want.containsKey("error")) {
            assertThatThrownBy(() -> template.render(messages, tools, gen, extra))
                .isInstanceOf(TemplateException.class).hasMessageContaining((String) want.get("error"));
        } else {
            assertThat(template.render(messages, tools, gen, extra)).isEqualTo(want.get("output"));
        }
    }

    @Test
    void syntaxErrorsNameTheOffset() {
        assertThatThrownBy(() -> ChatTemplate.of("{% if messages %}never closed", null, null))
            .isInstanceOf(TemplateException.class).hasMessageContaining("offset 0");
        assertThatThrownBy(() -> ChatTemplate.of("{{ messages | nosuchfilter }}", null, null).render(List.of(), null, false, null))
            .isInstanceOf(TemplateException.class).hasMessageContaining("nosuchfilter");
        assertThatThrownBy(() -> ChatTemplate.of("{{ 'a' + 1 }}", null, null).render(List.of(), null, false, null))
            .isInstanceOf(TemplateException.class).hasMessageContaining("unsupported operand");
    }

    @Test
    void configWithoutTemplateIsAClearError() {
        Path cfg = SharedModels.model("llama-tokenizer/tokenizer_config.json");
        assertThatThrownBy(() -> ChatTemplate.fromTokenizerConfig(cfg))
            .isInstanceOf(TokenizerFormatException.class).hasMessageContaining("chat_template").hasMessageContaining("tokenizer_config.json");
    }

    @Test
    void runawayLoopsAreStopped() {
        String bomb = "{% for a in range(1000) %}{% for b in range(1000) %}{% for c in range(1000) %}x{% endfor %}{% endfor %}{% endfor %}";
        assertThatThrownBy(() -> ChatTemplate.of(bomb, null, null).render(List.of(), null, false, null))
            .isInstanceOf(TemplateException.class);
    }
}

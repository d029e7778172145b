package dev.strata.tokenizer.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.strata.tokenizer.TokenizerFormatException;
import dev.strata.tokenizer.chat.jinja.JinjaTemplate;
import dev.strata.tokenizer.chat.jinja.TemplateException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A model's chat template (the {@code chat_template} of its {@code tokenizer_config.json}), rendered the way
 * Hugging Face's {@code apply_chat_template} renders it, so that the server builds exactly the prompt the
 * model was trained on. Thread-safe; parse once per model.
 */
public final class ChatTemplate {
    private final JinjaTemplate template;
    private final Map<String, Object> specialTokens;

    private ChatTemplate(JinjaTemplate template, Map<String, Object> specialTokens) {
        this.template = template;
        this.specialTokens = specialTokens;
    }

    /** From a template string; {@code bosToken}/{@code eosToken} may be null. */
    public static ChatTemplate of(String template, String bosToken, String eosToken) {
        Map<String, Object> specials = new LinkedHashMap<>();
        if (bosToken != null) specials.put("bos_token", bosToken);
        if (eosToken != null) specials.put("eos_token", eosToken);
        return new ChatTemplate(JinjaTemplate.parse(template), specials);
    }

    /** Reads {@code chat_template} and the special tokens (bos, eos, unk, pad) of a tokenizer_config.json. */
    public static ChatTemplate fromTokenizerConfig(Path file) {
        return fromTokenizerConfigIfAny(file).orElseThrow(() ->
            new TokenizerFormatException(file, "entry chat_template: missing (this tokenizer has no chat template)"));
    }

    /**
     * As {@link #fromTokenizerConfig(Path)}, but a config without a {@code chat_template} (many base models) is
     * empty rather than an error; an unreadable file or a template that does not parse still throws.
     */
    public static Optional<ChatTemplate> fromTokenizerConfigIfAny(Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new TokenizerFormatException(file, "cannot read JSON: " + e.getMessage(), e);
        }
        JsonNode t = root == null ? null : root.get("chat_template");
        String source = null;
        if (t != null && t.isTextual()) {
            source = t.asText();
        } else if (t != null && t.isArray()) { // [{"name": "default", "template": ...}, {"name": "tool_use", ...}]
            for (JsonNode named : t) if ("default".equals(named.path("name").asText())) source = named.path("template").asText();
        }
        if (source == null) return Optional.empty();
        Map<String, Object> specials = new LinkedHashMap<>();
        for (String k : List.of("bos_token", "eos_token", "unk_token", "pad_token")) {
            JsonNode v = root.get(k);
            if (v == null || v.isNull()) continue;
            specials.put(k, v.isObject() ? v.path("content").asText() : v.asText());
        }
        try {
            return Optional.of(new ChatTemplate(JinjaTemplate.parse(source), specials));
        } catch (TemplateException e) {
            throw new TokenizerFormatException(file, "entry chat_template: " + e.getMessage(), e);
        }
    }

    /**
     * Renders a conversation.
     *
     * @param tools               tool definitions ({@code {"type": "function", "function": {...}}}), or null for none
     * @param addGenerationPrompt end with the header of an assistant turn for the model to complete
     * @param extra               further template variables (e.g. {@code enable_thinking}, {@code date_string}); may be null
     * @throws TemplateException when the template rejects the conversation ({@code raise_exception}) or fails
     */
    public String render(List<ChatMessage> messages, List<Map<String, Object>> tools, boolean addGenerationPrompt,
                         Map<String, Object> extra) {
        List<Object> msgs = new ArrayList<>(messages.size());
        for (ChatMessage m : messages) msgs.add(m.asTemplateValue());
        Map<String, Object> ctx = new LinkedHashMap<>(specialTokens);
        ctx.put("messages", msgs);
        ctx.put("tools", tools);
        ctx.put("add_generation_prompt", addGenerationPrompt);
        if (extra != null) ctx.putAll(extra);
        return template.render(ctx);
    }
}

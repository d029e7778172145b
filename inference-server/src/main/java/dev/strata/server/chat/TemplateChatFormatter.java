package dev.strata.server.chat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.strata.server.core.InvalidRequestException;
import dev.strata.tokenizer.chat.ChatMessage;
import dev.strata.tokenizer.chat.ChatTemplate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Renders chats with the model's own Hugging Face chat template (Llama-3, ChatML/Qwen2, Mistral ...), tools and
 * tool calls included, exactly as {@code apply_chat_template} would.
 */
public final class TemplateChatFormatter implements ChatFormatter {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };

    private final ChatTemplate template;

    public TemplateChatFormatter(ChatTemplate template) {
        this.template = template;
    }

    @Override
    public String render(List<ChatTurn> turns, List<String> toolsJson, boolean addGenerationPrompt) {
        List<ChatMessage> messages = new ArrayList<>(turns.size());
        for (int i = 0; i < turns.size(); i++) {
            ChatTurn t = turns.get(i);
            List<Map<String, Object>> calls = null;
            if (!t.toolCalls().isEmpty()) {
                calls = new ArrayList<>();
                for (ChatTurn.ToolCallText c : t.toolCalls()) {
                    calls.add(ChatMessage.toolCall(c.id(), c.name(), parse(c.argumentsJson(), "messages[" + i + "].tool_calls")));
                }
            }
            messages.add(new ChatMessage(t.role(), t.content(), calls, t.toolCallId(), t.name()));
        }
        List<Map<String, Object>> tools = null;
        if (!toolsJson.isEmpty()) {
            tools = new ArrayList<>();
            for (String tool : toolsJson) tools.add(parse(tool, "tools"));
        }
        try {
            return template.render(messages, tools, addGenerationPrompt, null);
        } catch (RuntimeException e) {
            // the template itself rejects the conversation (raise_exception), e.g. roles out of order
            throw new InvalidRequestException("messages", "The model's chat template rejected the messages: " + e.getMessage());
        }
    }

    @Override
    public boolean includesSpecialTokens() {
        return true;
    }

    private static Map<String, Object> parse(String json, String field) {
        try {
            return JSON.readValue(json, MAP);
        } catch (Exception e) {
            throw new InvalidRequestException(field, "'" + field + "' arguments must be a JSON object: " + e.getMessage());
        }
    }
}

package dev.strata.orchestrator.agent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.strata.orchestrator.memory.Passage;
import dev.strata.orchestrator.model.ChatMessage;
import java.util.ArrayList;
import java.util.List;

/**
 * Typed view of an agent run's checkpointed state (a JSON object): the conversation ({@code messages}), the
 * retrieved {@code passages}, and on finishing {@code answer} and {@code citations}.
 */
final class AgentState {
    static final ObjectMapper MAPPER = new ObjectMapper();
    private final ObjectNode state;

    AgentState(ObjectNode state) {
        this.state = state;
    }

    boolean initialised() {
        return state.has("messages");
    }

    List<ChatMessage> messages() {
        List<ChatMessage> out = new ArrayList<>();
        for (JsonNode m : state.path("messages")) {
            out.add(read(m, ChatMessage.class));
        }
        return out;
    }

    void addMessage(ChatMessage m) {
        (state.has("messages") ? (ArrayNode) state.get("messages") : state.putArray("messages"))
            .add(MAPPER.valueToTree(m));
    }

    ChatMessage lastMessage() {
        JsonNode all = state.path("messages");
        return all.isEmpty() ? null : read(all.get(all.size() - 1), ChatMessage.class);
    }

    List<Passage> passages() {
        List<Passage> out = new ArrayList<>();
        for (JsonNode p : state.path("passages")) {
            out.add(read(p, Passage.class));
        }
        return out;
    }

    void setPassages(List<Passage> passages) {
        ArrayNode a = state.putArray("passages");
        passages.forEach(p -> a.add(MAPPER.valueToTree(p)));
    }

    boolean streamTokens() {
        return state.path("stream_tokens").asBoolean(false);
    }

    /** Sets the answer and cites each retrieved passage whose id the answer mentions as {@code [id]}. */
    void finish(String answer) {
        state.put("answer", answer);
        ArrayNode cites = state.putArray("citations");
        for (Passage p : passages()) {
            if (answer.contains("[" + p.id() + "]")) {
                cites.addObject().put("passage_id", p.id()).put("source", p.source());
            }
        }
    }

    private static <T> T read(JsonNode n, Class<T> type) {
        try {
            return MAPPER.treeToValue(n, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("agent state: malformed " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }
}

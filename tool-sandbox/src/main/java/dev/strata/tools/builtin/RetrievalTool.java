package dev.strata.tools.builtin;

import dev.strata.tools.declaration.ToolDeclaration;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code retrieve_memory}: searches long-term memory through a {@link Retriever} the orchestrator supplies. */
public final class RetrievalTool implements BuiltinTool {
    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private final Retriever retriever;
    private final ToolDeclaration declaration = new ToolDeclaration("retrieve_memory",
        "Searches long-term memory and returns the most relevant passages",
        "1", List.of(),
        MAPPER.readTree("""
            {"type":"object","properties":{"query":{"type":"string","minLength":1,"maxLength":4000},
             "k":{"type":"integer","minimum":1,"maximum":50}},"required":["query"],"additionalProperties":false}"""),
        MAPPER.readTree("""
            {"type":"object","properties":{"passages":{"type":"array","items":{"type":"object",
             "properties":{"id":{"type":"string"},"text":{"type":"string"},"score":{"type":"number"}},
             "required":["id","text","score"]}}},"required":["passages"]}"""),
        null, List.of(), List.of("memory:read"), List.of());

    public RetrievalTool(Retriever retriever) {
        this.retriever = retriever;
    }

    @Override
    public ToolDeclaration declaration() {
        return declaration;
    }

    @Override
    public JsonNode call(JsonNode arguments) {
        List<Retriever.Passage> found = retriever.retrieve(arguments.get("query").asString(), arguments.path("k").asInt(5));
        ObjectNode out = MAPPER.createObjectNode();
        ArrayNode passages = out.putArray("passages");
        for (Retriever.Passage p : found) {
            passages.addObject().put("id", p.id()).put("text", p.text()).put("score", p.score());
        }
        return out;
    }
}

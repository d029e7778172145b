package dev.strata.server.openai;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.strata.server.core.ServedModel;
import java.util.Collection;

/** {@code GET /v1/models} and {@code GET /v1/models/{id}} bodies. */
public final class ModelsJson {
    private ModelsJson() {
    }

    public static String list(Collection<ServedModel> models) {
        ObjectNode root = RequestParser.JSON.createObjectNode();
        root.put("object", "list");
        ArrayNode data = root.putArray("data");
        for (ServedModel m : models) data.add(model(m));
        return root.toString();
    }

    public static String one(ServedModel m) {
        return model(m).toString();
    }

    private static ObjectNode model(ServedModel m) {
        ObjectNode o = RequestParser.JSON.createObjectNode();
        o.put("id", m.id());
        o.put("object", "model");
        o.put("created", m.createdEpochSeconds());
        o.put("owned_by", "strata");
        o.put("max_model_len", m.contextLength());
        return o;
    }
}

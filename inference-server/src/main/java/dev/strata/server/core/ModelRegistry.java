package dev.strata.server.core;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/** The models this server process serves, by id. The first one registered is the default. */
public final class ModelRegistry {
    private final Map<String, ServedModel> byId = new LinkedHashMap<>();

    public ModelRegistry(Collection<ServedModel> models) {
        for (ServedModel m : models) {
            if (byId.putIfAbsent(m.id(), m) != null) throw new IllegalArgumentException("duplicate model id " + m.id());
        }
        if (byId.isEmpty()) throw new IllegalArgumentException("a server needs at least one model");
    }

    /**
     * The model a request names; an empty name picks the default model (clients such as curl often omit it).
     *
     * @throws UnknownModelException naming the model and the ones served
     */
    public ServedModel resolve(String id) {
        if (id == null || id.isEmpty()) return byId.values().iterator().next();
        ServedModel m = byId.get(id);
        if (m == null) throw new UnknownModelException(id, byId.keySet());
        return m;
    }

    /** The model with exactly this id (no default). */
    public ServedModel resolveExisting(String id) {
        ServedModel m = byId.get(id);
        if (m == null) throw new UnknownModelException(id, byId.keySet());
        return m;
    }

    public Collection<ServedModel> all() {
        return byId.values();
    }
}

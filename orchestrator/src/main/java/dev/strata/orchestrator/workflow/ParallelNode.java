package dev.strata.orchestrator.workflow;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * Parallel branches: runs its branch nodes concurrently, each on its own copy of the state, and merges back every
 * top-level field a branch set or changed, in branch order (a later branch wins a conflict). The whole fan-out is
 * one step: if the process dies in the middle, the step is redone and branches whose effects completed replay
 * them from their records instead of repeating them.
 */
public final class ParallelNode implements Node {
    private final Map<String, Node> branches;

    public ParallelNode(Map<String, Node> branches) {
        if (branches.isEmpty()) {
            throw new IllegalArgumentException("parallel node needs at least one branch");
        }
        this.branches = new LinkedHashMap<>(branches);
    }

    @Override
    public void run(NodeContext ctx) throws Exception {
        ObjectNode before = ctx.state().deepCopy();
        List<NodeContext> children = new ArrayList<>();
        List<Future<?>> futures = new ArrayList<>();
        for (var e : branches.entrySet()) {
            NodeContext child = ctx.branch(e.getKey(), before.deepCopy());
            children.add(child);
            Node n = e.getValue();
            futures.add(ctx.executor().submit(() -> {
                n.run(child);
                return null;
            }));
        }
        Exception first = null;
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (ExecutionException e) {
                if (first == null) {
                    first = e.getCause() instanceof Exception ex ? ex : new RuntimeException(e.getCause());
                }
            }
        }
        if (first != null) {
            throw first;
        }
        for (NodeContext child : children) {
            for (Iterator<Map.Entry<String, com.fasterxml.jackson.databind.JsonNode>> it = child.state().properties().iterator(); it.hasNext(); ) {
                var field = it.next();
                if (!field.getValue().equals(before.get(field.getKey()))) {
                    ctx.state().set(field.getKey(), field.getValue());
                }
            }
        }
    }
}

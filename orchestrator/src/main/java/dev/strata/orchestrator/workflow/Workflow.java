package dev.strata.orchestrator.workflow;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A directed graph of named {@link Node}s with a {@link Route} out of each; the run's state (a JSON object) flows
 * through it. Built with {@link #builder}; validated at build time so a typo in an edge fails at start-up, not
 * in the middle of a run.
 */
public final class Workflow {
    /** The pseudo-node that ends a run. */
    public static final String END = "__end__";

    private final String name;
    private final String start;
    private final Map<String, Node> nodes;
    private final Map<String, Route> routes;
    private final boolean stepsAreModelCalls;

    private Workflow(Builder b) {
        this.name = b.name;
        this.start = b.start;
        this.nodes = Map.copyOf(b.nodes);
        this.routes = Map.copyOf(b.routes);
        this.stepsAreModelCalls = b.stepsAreModelCalls;
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    public String name() {
        return name;
    }

    public String start() {
        return start;
    }

    /** The node with that name; throws naming the workflow when there is none (a checkpoint of an older graph). */
    public Node node(String nodeName) {
        Node n = nodes.get(nodeName);
        if (n == null) {
            throw new IllegalStateException("workflow " + name + ": no node '" + nodeName + "'");
        }
        return n;
    }

    /** The node after {@code nodeName} for the given state; validated to exist. */
    public String next(String nodeName, com.fasterxml.jackson.databind.node.ObjectNode state) {
        Route r = routes.get(nodeName);
        String next = r == null ? END : r.next(state);
        if (next == null || (!END.equals(next) && !nodes.containsKey(next))) {
            throw new IllegalStateException("workflow " + name + ": route out of '" + nodeName
                + "' chose unknown node '" + next + "'");
        }
        return next;
    }

    /**
     * Whether {@link Budget#maxSteps} counts model calls (agents) rather than executed nodes (plain workflows).
     */
    public boolean stepsAreModelCalls() {
        return stepsAreModelCalls;
    }

    /** Builds a {@link Workflow}. */
    public static final class Builder {
        private final String name;
        private String start;
        private final Map<String, Node> nodes = new LinkedHashMap<>();
        private final Map<String, Route> routes = new LinkedHashMap<>();
        private boolean stepsAreModelCalls;

        private Builder(String name) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("workflow name must not be empty");
            }
            this.name = name;
        }

        /** Adds a node; the first one added is the start unless {@link #start} says otherwise. */
        public Builder node(String nodeName, Node node) {
            Objects.requireNonNull(node, "node");
            if (nodeName == null || nodeName.isBlank() || END.equals(nodeName)) {
                throw new IllegalArgumentException("workflow " + name + ": invalid node name '" + nodeName + "'");
            }
            if (nodes.putIfAbsent(nodeName, node) != null) {
                throw new IllegalArgumentException("workflow " + name + ": duplicate node '" + nodeName + "'");
            }
            if (start == null) {
                start = nodeName;
            }
            return this;
        }

        /** Adds a node whose branches run concurrently on a state copy each; see {@link ParallelNode}. */
        public Builder parallel(String nodeName, Map<String, Node> branches) {
            return node(nodeName, new ParallelNode(branches));
        }

        /** Adds a node that stops the run until a human approves; see {@link ApprovalNode}. */
        public Builder approval(String nodeName, String description) {
            return node(nodeName, new ApprovalNode(description));
        }

        public Builder start(String nodeName) {
            this.start = nodeName;
            return this;
        }

        /** A plain edge: {@code to} always follows {@code from}. */
        public Builder edge(String from, String to) {
            return route(from, state -> to);
        }

        /** Conditional routing: {@code route} picks the node after {@code from} from the state. */
        public Builder route(String from, Route route) {
            if (routes.putIfAbsent(from, route) != null) {
                throw new IllegalArgumentException("workflow " + name + ": node '" + from + "' already has a route");
            }
            return this;
        }

        public Builder stepsAreModelCalls(boolean v) {
            this.stepsAreModelCalls = v;
            return this;
        }

        public Workflow build() {
            if (start == null || !nodes.containsKey(start)) {
                throw new IllegalStateException("workflow " + name + ": start node '" + start + "' is not defined");
            }
            for (String from : routes.keySet()) {
                if (!nodes.containsKey(from)) {
                    throw new IllegalStateException("workflow " + name + ": route from undefined node '" + from + "'");
                }
            }
            return new Workflow(this);
        }
    }
}

package dev.strata.tools.declaration;

import dev.strata.tools.sandbox.network.NetworkPlan;
import java.util.List;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * A tool, declared once. Everything else — the OpenAI {@code tools} entry, the MCP {@code tools/list} entry, the
 * gRPC descriptor, argument validation and the sandbox's limits — is derived from this record, so the formats can
 * never disagree about a tool.
 *
 * @param name unique name, {@code [a-zA-Z0-9_-]{1,64}}
 * @param description what the tool does, for the model and for humans
 * @param version label of the declaration
 * @param command argv of a sandboxed tool; empty for an in-process tool
 * @param argumentsSchema JSON Schema 2020-12 of the arguments (an object schema)
 * @param resultSchema JSON Schema 2020-12 of the result, or null when the result is not validated
 * @param limits resource limits of a sandboxed run
 * @param network host:port pairs the tool may reach (a name, an IPv4 literal or a bracketed IPv6 literal, and a
 *                port 1..65535); empty means no network at all
 * @param scopes scopes a caller needs to invoke the tool
 * @param mounts host paths bound read-only into the sandbox at the same place (e.g. the tool's script)
 */
public record ToolDeclaration(String name, String description, String version, List<String> command,
                              JsonNode argumentsSchema, JsonNode resultSchema, Limits limits, List<String> network,
                              List<String> scopes, List<String> mounts) {

    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_-]{1,64}");

    public ToolDeclaration {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new DeclarationException("name must match [a-zA-Z0-9_-]{1,64}, got " + quoted(name));
        }
        if (description == null || description.isBlank()) {
            throw new DeclarationException("tool " + name + ": description is required");
        }
        version = version == null || version.isBlank() ? "1" : version;
        command = List.copyOf(command == null ? List.of() : command);
        if (argumentsSchema == null || !argumentsSchema.isObject()) {
            throw new DeclarationException("tool " + name + ": arguments_schema must be a JSON object schema");
        }
        if (resultSchema != null && !resultSchema.isObject() && !resultSchema.isBoolean()) {
            throw new DeclarationException("tool " + name + ": result_schema must be a JSON schema object");
        }
        limits = limits == null ? Limits.DEFAULTS : limits;
        network = List.copyOf(network == null ? List.of() : network);
        try {
            NetworkPlan.of(network);
        } catch (IllegalArgumentException e) {
            throw new DeclarationException("tool " + name + ": " + e.getMessage());
        }
        scopes = List.copyOf(scopes == null ? List.of() : scopes);
        mounts = List.copyOf(mounts == null ? List.of() : mounts);
        for (String m : mounts) {
            if (!m.startsWith("/") || m.contains("..")) {
                throw new DeclarationException("tool " + name + ": mount " + quoted(m) + " must be an absolute path without '..'");
            }
        }
    }

    /** True when the tool runs as a sandboxed subprocess rather than in this JVM. */
    public boolean sandboxed() {
        return !command.isEmpty();
    }

    private static String quoted(String s) {
        return s == null ? "null" : "'" + s + "'";
    }
}

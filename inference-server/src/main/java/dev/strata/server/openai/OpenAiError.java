package dev.strata.server.openai;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An error in OpenAI's JSON shape: {@code {"error": {"message", "type", "param", "code"}}}.
 *
 * @param status  HTTP status
 * @param message what went wrong, naming the field
 * @param type    OpenAI's error type, e.g. {@code invalid_request_error}
 * @param param   the field at fault, or null
 * @param code    a machine-readable code, or null
 */
public record OpenAiError(int status, String message, String type, String param, String code) {

    public static OpenAiError invalid(String param, String message) {
        return new OpenAiError(400, message, "invalid_request_error", param, null);
    }

    public String toJson() {
        ObjectNode root = RequestParser.JSON.createObjectNode();
        ObjectNode e = root.putObject("error");
        e.put("message", message);
        e.put("type", type);
        if (param == null) e.putNull("param"); else e.put("param", param);
        if (code == null) e.putNull("code"); else e.put("code", code);
        return root.toString();
    }
}

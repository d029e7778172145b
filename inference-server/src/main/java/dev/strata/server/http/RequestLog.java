package dev.strata.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One structured JSON line per request (logger {@code dev.strata.server.requests}): id, endpoint, status, token
 * counts and latencies — what an operator greps for when a caller reports a slow or failed request.
 */
public final class RequestLog {
    private static final Logger LOG = Logger.getLogger("dev.strata.server.requests");
    private static final ObjectMapper JSON = new ObjectMapper();

    private RequestLog() {
    }

    /**
     * @param ttftMs time to the first generated token, or a negative value when none was generated
     */
    public static void log(String requestId, String protocol, String endpoint, int status, String model, int promptTokens,
                           int completionTokens, double ttftMs, double totalMs, String error) {
        if (!LOG.isLoggable(Level.INFO)) return;
        ObjectNode line = JSON.createObjectNode();
        line.put("ts", Instant.now().toString());
        line.put("request_id", requestId);
        line.put("protocol", protocol);
        line.put("endpoint", endpoint);
        line.put("status", status);
        if (model != null) line.put("model", model);
        line.put("prompt_tokens", promptTokens);
        line.put("completion_tokens", completionTokens);
        if (ttftMs >= 0) line.put("ttft_ms", Math.round(ttftMs * 1000) / 1000.0);
        line.put("total_ms", Math.round(totalMs * 1000) / 1000.0);
        if (error != null) line.put("error", error);
        LOG.info(line.toString());
    }
}

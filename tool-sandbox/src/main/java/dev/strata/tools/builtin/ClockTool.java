package dev.strata.tools.builtin;

import dev.strata.tools.declaration.ToolDeclaration;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code clock}: the current date and time in a time zone, because a model does not know what time it is. */
public final class ClockTool implements BuiltinTool {
    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private final Clock clock;
    private final ToolDeclaration declaration = new ToolDeclaration("clock",
        "Returns the current date and time (ISO-8601) in an IANA time zone (default UTC)",
        "1", List.of(),
        MAPPER.readTree("""
            {"type":"object","properties":{"timezone":{"type":"string","maxLength":64}},"additionalProperties":false}"""),
        MAPPER.readTree("""
            {"type":"object","properties":{"iso":{"type":"string"},"epoch_ms":{"type":"integer"},"timezone":{"type":"string"}},
             "required":["iso","epoch_ms","timezone"]}"""),
        null, List.of(), List.of(), List.of());

    public ClockTool(Clock clock) {
        this.clock = clock;
    }

    @Override
    public ToolDeclaration declaration() {
        return declaration;
    }

    @Override
    public JsonNode call(JsonNode arguments) throws ToolFailure {
        String tz = arguments.path("timezone").asString("UTC");
        ZoneId zone;
        try {
            zone = ZoneId.of(tz);
        } catch (DateTimeException e) {
            throw new ToolFailure("unknown time zone '" + tz + "'");
        }
        ZonedDateTime now = ZonedDateTime.now(clock.withZone(zone));
        return MAPPER.createObjectNode().put("iso", now.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME))
            .put("epoch_ms", now.toInstant().toEpochMilli()).put("timezone", zone.getId());
    }
}

package dev.strata.orchestrator.agent;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A prompt with {@code {{name}}} placeholders. Every placeholder must get a value: a missing one is a
 * configuration error that should fail at the first run, loudly, not send a model a literal "{{context}}".
 */
public final class PromptTemplate {
    private static final Pattern VAR = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_]+)\\s*}}");
    private final String template;

    public PromptTemplate(String template) {
        this.template = template;
    }

    public String render(Map<String, String> values) {
        Matcher m = VAR.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String v = values.get(m.group(1));
            if (v == null) {
                throw new IllegalArgumentException("prompt template: no value for {{" + m.group(1) + "}} (have "
                    + values.keySet() + ")");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(v));
        }
        m.appendTail(out);
        return out.toString();
    }
}

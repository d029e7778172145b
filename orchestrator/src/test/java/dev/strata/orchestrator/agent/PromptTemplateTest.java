package dev.strata.orchestrator.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PromptTemplateTest {
    @Test
    void fillsPlaceholdersAndKeepsSpecialCharacters() {
        assertThat(new PromptTemplate("a {{x}} b {{ y }}").render(Map.of("x", "$1\\", "y", "z"))).isEqualTo("a $1\\ b z");
    }

    @Test
    void missingValueNamesThePlaceholder() {
        assertThatThrownBy(() -> new PromptTemplate("{{ctx}}").render(Map.of())).hasMessageContaining("{{ctx}}");
    }
}

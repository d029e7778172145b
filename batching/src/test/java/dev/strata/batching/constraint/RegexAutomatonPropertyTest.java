package dev.strata.batching.constraint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** The byte automaton accepts exactly what java.util.regex fully matches. */
class RegexAutomatonPropertyTest {
    static final String[] REGEXES = {
        "a(b|c)*d", "[a-c]{2,4}x?", "(ab|a)+b", "\\d+(\\.\\d{1,2})?", "[^ab]*a", "é+|ü", "\\w\\s\\W", "(?:ab){0,2}c*",
        ".a.", "[\\d\\-x]+", "(a|b|)c", "x{3}", "a+?b"};

    static boolean matches(String regex, String s) {
        Nfa nfa = new Nfa();
        Nfa.Frag f = RegexParser.parse(regex).build(nfa);
        ByteDfa dfa = new ByteDfa(nfa, f);
        int st = dfa.start();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) st = dfa.step(st, b & 0xff);
        return dfa.isAccepting(st);
    }

    @Provide
    Arbitrary<String> strings() {
        return Arbitraries.strings().withChars("abcdx.-1 2éü\n_").ofMaxLength(8);
    }

    @Property(tries = 400)
    void sameLanguageAsJavaRegex(@ForAll("strings") String s, @ForAll("index") int which) {
        String regex = REGEXES[which];
        assertThat(matches(regex, s)).as("%s on '%s'", regex, s).isEqualTo(Pattern.matches(regex, s));
    }

    @Provide
    Arbitrary<Integer> index() {
        return Arbitraries.integers().between(0, REGEXES.length - 1);
    }

    @Test
    void knownMatches() {
        assertThat(matches("a(b|c)*d", "abcbd")).isTrue();
        assertThat(matches("\\d+(\\.\\d{1,2})?", "12.34")).isTrue();
        assertThat(matches("\\d+(\\.\\d{1,2})?", "12.345")).isFalse();
        assertThat(matches("é+|ü", "ééé")).isTrue();
    }

    @Test
    void badPatternsNameTheOffset() {
        assertThatThrownBy(() -> RegexParser.parse("a(b")).hasMessageContaining("offset 3");
        assertThatThrownBy(() -> RegexParser.parse("*a")).hasMessageContaining("nothing to repeat");
        assertThatThrownBy(() -> RegexParser.parse("(?=a)")).hasMessageContaining("look-around");
        assertThatThrownBy(() -> RegexParser.parse("a{2000}")).hasMessageContaining("repetition");
        assertThatThrownBy(() -> RegexParser.parse("\\1")).hasMessageContaining("escape");
    }
}

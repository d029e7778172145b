package dev.strata.orchestrator.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Routing by rules, first match wins: explicit and cheap, for what can be said in a regular expression
 * ("inputs mentioning an invoice go to billing").
 */
public final class RuleRouter implements Router {
    private record Rule(Predicate<String> when, String target) {
    }

    private final List<Rule> rules = new ArrayList<>();

    /** Routes inputs matching {@code regex} (searched, case-insensitive) to {@code target}. */
    public RuleRouter whenMatches(String regex, String target) {
        Pattern p = Pattern.compile(regex, Pattern.CASE_INSENSITIVE);
        return when(s -> p.matcher(s).find(), target);
    }

    public RuleRouter when(Predicate<String> predicate, String target) {
        rules.add(new Rule(predicate, target));
        return this;
    }

    @Override
    public Optional<String> route(String input) {
        return rules.stream().filter(r -> r.when.test(input)).map(Rule::target).findFirst();
    }
}

package dev.strata.batching.constraint;

import dev.strata.batching.api.OutputConstraint;
import dev.strata.tokenizer.Tokenizer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Compiles output constraints over one tokenizer's vocabulary: regex or JSON schema → syntax tree → byte NFA →
 * lazy DFA, masked through a trie of the vocabulary's token bytes. Compiled constraints are kept by source (LRU),
 * so repeated schemas (a tool-call schema on every turn) reuse their built masks.
 *
 * <p>{@link #compile} may run on any thread; the constraints it returns are used on the engine thread only.
 */
public final class ConstraintCompiler {
    private static final int CACHE = 64;
    private final Tokenizer tokenizer;
    private final int vocabSize;
    private final int eos;
    private final ConstraintStats stats = new ConstraintStats();
    private volatile TokenTrie trie;
    private final Map<OutputConstraint, CompiledConstraint> cache = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<OutputConstraint, CompiledConstraint> e) {
            return size() > CACHE;
        }
    };

    public ConstraintCompiler(Tokenizer tokenizer, int vocabSize) {
        this.tokenizer = tokenizer;
        this.vocabSize = vocabSize;
        this.eos = tokenizer.eosTokenId().orElse(-1);
    }

    /** Masking cost so far. */
    public ConstraintStats stats() {
        return stats;
    }

    /** The initial state of a constrained sequence; IllegalArgumentException naming the problem when invalid. */
    public TokenConstraint compile(OutputConstraint constraint) {
        if (constraint.kind() == null || constraint.source() == null) {
            throw new IllegalArgumentException("constraint: kind and source are required");
        }
        CompiledConstraint c;
        synchronized (cache) {
            c = cache.get(constraint);
        }
        if (c == null) {
            Node tree = switch (constraint.kind()) {
                case REGEX -> RegexParser.parse(constraint.source());
                case JSON_SCHEMA -> JsonSchemaCompiler.compile(constraint.source());
            };
            Nfa nfa = new Nfa();
            Nfa.Frag whole = tree.build(nfa);
            c = new CompiledConstraint(new ByteDfa(nfa, whole), trie(), eos, vocabSize, stats, tokenizer);
            synchronized (cache) {
                cache.put(constraint, c);
            }
        }
        return new AutomatonConstraint(c, stats, c.dfa.start());
    }

    private TokenTrie trie() {
        TokenTrie t = trie;
        if (t == null) {
            synchronized (this) {
                if (trie == null) trie = TokenTrie.of(tokenizer);
                t = trie;
            }
        }
        return t;
    }
}

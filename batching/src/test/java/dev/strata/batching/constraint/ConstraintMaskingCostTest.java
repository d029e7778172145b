package dev.strata.batching.constraint;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.InputFormat;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.strata.batching.api.OutputConstraint;
import dev.strata.batching.api.SamplingParams;
import dev.strata.batching.sampling.Sampler;
import dev.strata.batching.sampling.SequenceRandom;
import dev.strata.tokenizer.Tokenizer;
import dev.strata.tokenizer.TokenizerLoader;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Masking cost per token over a real 32k vocabulary (Llama 2's tokenizer.bin): random logits, sampled tokens,
 * the mask applied every step; prints the cost and checks every finished output validates.
 */
class ConstraintMaskingCostTest {
    private static final Path LLAMA2 = Path.of(System.getProperty("strata.shared", "../../shared"),
        "models/llama2-tokenizer/tokenizer.bin");

    @Test
    void jsonSchemaMaskingCostOnA32kVocabulary() {
        Tokenizer tok = TokenizerLoader.load(LLAMA2);
        String schema = """
            {"type":"object","properties":{"name":{"type":"string","maxLength":12},"age":{"type":"integer"},
             "city":{"enum":["Paris","Berlin","New York"]},"tags":{"type":"array","items":{"type":"string","maxLength":8},"maxItems":3}},
             "required":["name","age","city"]}""";
        ConstraintCompiler compiler = new ConstraintCompiler(tok, tok.vocabSize());
        Sampler sampler = new Sampler();
        SamplingParams p = new SamplingParams(1f, 0, 1f, 0f, 1f, 0f, 0f, Map.of(), 1L, 200, List.of(), -1, 1, false);
        SplittableRandom rnd = new SplittableRandom(3);
        int eos = tok.eosTokenId().orElseThrow();
        int finished = 0;
        long t0 = System.nanoTime();
        int tokens = 0;
        for (int run = 0; run < 20; run++) {
            TokenConstraint c = compiler.compile(new OutputConstraint(OutputConstraint.Kind.JSON_SCHEMA, schema));
            SequenceRandom random = new SequenceRandom(run, 0);
            ByteArrayOutputStream text = new ByteArrayOutputStream();
            for (int i = 0; i < 200 && !c.mustStop(); i++) {
                float[] logits = new float[tok.vocabSize()];
                for (int k = 0; k < logits.length; k++) logits[k] = (float) rnd.nextGaussian();
                logits[eos] += 3f; // let the model want to stop, so completions end
                int id = sampler.sample(logits, p, null, random, c::mask).tokenId();
                tokens++;
                if (id == eos) break;
                c.accept(id);
                text.writeBytes(tok.tokenBytes(id));
            }
            if (((AutomatonConstraint) c).isComplete()) {
                finished++;
                String json = text.toString(StandardCharsets.UTF_8);
                assertThat(SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(schema)
                    .validate(json, InputFormat.JSON)).as(json).isEmpty();
            }
        }
        double totalMs = (System.nanoTime() - t0) / 1e6;
        ConstraintStats s = compiler.stats();
        System.out.printf("constraint masking, vocab %d: %.1f us/token over %d tokens (%d automaton states, trie walk %.0f us each);"
            + " %d/20 outputs complete, all valid; %.1f ms per token incl. sampling%n", tok.vocabSize(), s.microsPerToken(),
            s.maskedTokens(), s.stateBuilds(), s.microsPerStateBuild(), finished, totalMs / tokens);
        assertThat(finished).isGreaterThanOrEqualTo(10);
    }
}

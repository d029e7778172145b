package dev.strata.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.strata.batching.api.OutputConstraint;
import dev.strata.batching.constraint.ConstraintCompiler;
import dev.strata.batching.constraint.TokenConstraint;
import dev.strata.orchestrator.agent.ToolResult;
import dev.strata.orchestrator.model.ChatResponse;
import dev.strata.orchestrator.model.ForcedToolCall;
import dev.strata.orchestrator.model.ToolCall;
import dev.strata.orchestrator.model.ToolCallFormat;
import dev.strata.orchestrator.tools.CalculatorArguments;
import dev.strata.orchestrator.tools.SandboxToolExecutor;
import dev.strata.tokenizer.Tokenizer;
import dev.strata.tokenizer.TokenizerLoader;
import dev.strata.tools.builtin.CalculatorTool;
import dev.strata.tools.builtin.InProcessRunner;
import dev.strata.tools.invoke.ToolInvoker;
import dev.strata.tools.registry.ToolRegistry;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The agent's forced tool call through the server's own constraint compiler over the default model's 512-token
 * vocabulary: random logits stand in for a model that wants anything at all, and every output the decoder lets
 * through must be one calculator call that the real tool (schema validation, then evaluation) accepts.
 */
class ForcedToolCallDecodingTest {
    private static final Path TOKENIZER = Path.of(System.getProperty("strata.shared", "../shared"),
        "models/stories260K/tok512.bin");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static SandboxToolExecutor calculator() {
        ToolRegistry registry = new ToolRegistry();
        InProcessRunner builtins = new InProcessRunner();
        registry.register(builtins.add(new CalculatorTool()), builtins);
        return new SandboxToolExecutor(new ToolInvoker(registry), Set.of());
    }

    @Test
    void everyOutputTheServersDecoderLetsThroughIsACallTheRealToolAccepts() throws Exception {
        Tokenizer tok = TokenizerLoader.load(TOKENIZER);
        SandboxToolExecutor tools = calculator();
        String regex = ForcedToolCall.regex(CalculatorArguments.narrow(tools.toolSpecs()));
        ConstraintCompiler compiler = new ConstraintCompiler(tok, tok.vocabSize());
        int eos = tok.eosTokenId().orElseThrow();
        SplittableRandom rnd = new SplittableRandom(7);
        int finished = 0;
        for (int run = 0; run < 30; run++) {
            TokenConstraint c = compiler.compile(new OutputConstraint(OutputConstraint.Kind.REGEX, regex));
            ByteArrayOutputStream text = new ByteArrayOutputStream();
            boolean done = false;
            for (int i = 0; i < 400 && !done; i++) {
                float[] logits = new float[tok.vocabSize()];
                for (int k = 0; k < logits.length; k++) logits[k] = (float) rnd.nextGaussian();
                logits[eos] += 2f;
                c.mask(logits);
                int best = 0;
                for (int k = 1; k < logits.length; k++) if (logits[k] > logits[best]) best = k;
                assertThat(logits[best]).as("the constraint left no token").isGreaterThan(Float.NEGATIVE_INFINITY);
                if (best == eos) {
                    done = true;
                } else {
                    c.accept(best);
                    text.writeBytes(tok.tokenBytes(best));
                    done = c.mustStop();
                }
            }
            assertThat(done).as("run %d did not finish: %s", run, text).isTrue();
            finished++;
            String out = text.toString(StandardCharsets.UTF_8);
            ChatResponse r = ToolCallFormat.parse(out, "c", 0, 0, "m");
            assertThat(r.toolCalls()).as(out).hasSize(1);
            ToolCall call = r.toolCalls().get(0);
            assertThat(call.name()).isEqualTo("calculator");
            ToolResult result = tools.execute(call, "k" + run);
            assertThat(result.failed()).as(out + " -> " + result.errorJson()).isFalse();
            assertThat(JSON.readTree(result.resultJson()).get("value").isNumber()).isTrue();
        }
        assertThat(finished).isEqualTo(30);
    }

}

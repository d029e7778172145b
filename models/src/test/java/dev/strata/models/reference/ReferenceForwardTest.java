package dev.strata.models.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.strata.models.Stories260K;
import dev.strata.models.arch.LlamaModel;
import dev.strata.models.llama2c.Llama2cReader;
import dev.strata.tokenizer.llama2c.Llama2cTokenizer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("integration")
class ReferenceForwardTest {
    static LlamaModel model;
    static Llama2cTokenizer tokenizer;

    @BeforeAll
    static void load() {
        model = Llama2cReader.load(Stories260K.CHECKPOINT);
        tokenizer = Llama2cTokenizer.load(Stories260K.TOKENIZER);
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @Test
    void logitsMatchAnIndependentFloat64ForwardPass() {
        // Values from a separate numpy (float64) implementation of the llama2.c forward over the same file,
        // for the prompt [BOS, " Once", " upon", " a", " time"]: logits of ids 0, 1, 2, 13, 261 and the argmax.
        int[] tokens = {1, 403, 407, 261, 378};
        int[] ids = {0, 1, 2, 13, 261};
        float[][] expected = {
            {-6.22291f, 8.40434f, -6.22374f, 6.44981f, 9.54127f},
            {-9.58946f, 3.84128f, -9.59053f, -1.48158f, 10.89797f},
            {-12.1411f, 1.77625f, -12.14295f, -4.12608f, 17.13697f},
            {-6.71425f, -6.05303f, -6.71504f, -0.68883f, 4.4984f},
            {-10.13658f, -5.32946f, -10.13809f, -1.14056f, 7.6304f}};
        int[] expectedArgmax = {403, 407, 261, 378, 432};
        float[] expectedMax = {17.02352f, 18.45998f, 17.13697f, 18.87439f, 17.7994f};
        var session = new ReferenceTransformer(model).newSession();
        for (int pos = 0; pos < tokens.length; pos++) {
            float[] logits = session.forward(tokens[pos]);
            for (int i = 0; i < ids.length; i++) {
                assertThat(logits[ids[i]]).as("pos %d id %d", pos, ids[i]).isCloseTo(expected[pos][i], within(2e-4f));
            }
            assertThat(GreedyDecoder.argmax(logits)).isEqualTo(expectedArgmax[pos]);
            assertThat(logits[expectedArgmax[pos]]).isCloseTo(expectedMax[pos], within(2e-4f));
        }
    }

    @Test
    void greedyDecodingReproducesLlama2cPublishedOutputByteForByte() {
        var decoder = new GreedyDecoder(new ReferenceTransformer(model));
        var result = decoder.generate(new int[] {Llama2cTokenizer.BOS}, 200, t -> t == Llama2cTokenizer.BOS, null);
        assertThat(result.generatedTokens()).hasSize(200);
        String text = tokenizer.decode(concat(result.promptTokens(), result.generatedTokens()), true);
        assertThat(text).isEqualTo(Stories260K.LLAMA2C_EXPECTED);
    }

    @Test
    void promptOnceUponATimeContinuesTheSameStory() {
        var decoder = new GreedyDecoder(new ReferenceTransformer(model));
        int[] prompt = tokenizer.encode("Once upon a time", true);
        var result = decoder.generate(prompt, 60, t -> t == Llama2cTokenizer.BOS || t == Llama2cTokenizer.EOS, null);
        String full = tokenizer.decode(concat(prompt, result.generatedTokens()), true);
        assertThat(Stories260K.LLAMA2C_EXPECTED).startsWith(full);
        assertThat(full).startsWith("Once upon a time, there was a little girl named Lily.");
    }

    @Test
    void sessionsAreIndependent() {
        var t = new ReferenceTransformer(model);
        var a = t.newSession();
        var b = t.newSession();
        a.forward(1);
        a.forward(403);
        float[] fromB = b.forward(1);
        float[] fresh = t.newSession().forward(1);
        assertThat(fromB).containsExactly(fresh);
    }

    static int[] concat(int[] a, int[] b) {
        int[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}

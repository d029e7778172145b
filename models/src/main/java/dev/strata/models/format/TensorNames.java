package dev.strata.models.format;

/** How a checkpoint format names the tensors of a Llama-family model. */
public record TensorNames(String embedding, String layerPrefix, String attnNorm, String wq, String wk, String wv,
                          String wo, String ffnNorm, String gate, String down, String up, String bq, String bk,
                          String bv, String finalNorm, String classifier) {

    /** Hugging Face transformers (safetensors). */
    public static final TensorNames HF = new TensorNames("model.embed_tokens.weight", "model.layers.%d.",
        "input_layernorm.weight", "self_attn.q_proj.weight", "self_attn.k_proj.weight", "self_attn.v_proj.weight",
        "self_attn.o_proj.weight", "post_attention_layernorm.weight", "mlp.gate_proj.weight", "mlp.down_proj.weight",
        "mlp.up_proj.weight", "self_attn.q_proj.bias", "self_attn.k_proj.bias", "self_attn.v_proj.bias",
        "model.norm.weight", "lm_head.weight");

    /** llama.cpp (GGUF). */
    public static final TensorNames GGUF = new TensorNames("token_embd.weight", "blk.%d.", "attn_norm.weight",
        "attn_q.weight", "attn_k.weight", "attn_v.weight", "attn_output.weight", "ffn_norm.weight", "ffn_gate.weight",
        "ffn_down.weight", "ffn_up.weight", "attn_q.bias", "attn_k.bias", "attn_v.bias", "output_norm.weight",
        "output.weight");

    public String layer(int l, String suffix) {
        return String.format(layerPrefix, l) + suffix;
    }
}

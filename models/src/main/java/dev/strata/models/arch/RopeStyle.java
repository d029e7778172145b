package dev.strata.models.arch;

/** How rotary position embedding pairs up the dimensions of a head. */
public enum RopeStyle {
    /** Adjacent pairs (0,1), (2,3), ...: llama2.c and GGUF's Llama layout (GPT-J style). */
    INTERLEAVED,
    /** First half with second half (i, i + head_dim/2): Hugging Face Llama/Qwen2 layout (GPT-NeoX style). */
    HALF
}

package dev.strata.models;

import java.nio.file.Path;

/** Paths of the default model in ../shared (read-only). */
public final class Stories260K {
    public static final Path DIR = Path.of(System.getProperty("strata.shared", "../../shared"), "models/stories260K");
    public static final Path CHECKPOINT = DIR.resolve("stories260K.bin");
    public static final Path TOKENIZER = DIR.resolve("tok512.bin");

    /** llama2.c's test_all.py: run.c at temperature 0 for 200 steps from an empty prompt prints exactly this. */
    public static final String LLAMA2C_EXPECTED =
        "Once upon a time, there was a little girl named Lily. She loved to play outside in the park. One day, she saw a big, red ball. She wanted to play with it, but it was too high.\n"
            + "Lily's mom said, \"Lily, let's go to the park.\" Lily was sad and didn't know what to do. She said, \"I want to play with your ball, but I can't find it.\"\n"
            + "Lily was sad and didn't know what to do. She said, \"I'm sorry, Lily. I didn't know what to do.\"\n"
            + "Lily didn't want to help her mom, so she";

    private Stories260K() {
    }
}

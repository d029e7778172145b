package dev.strata.tokenizer.hf.processor;

/**
 * A {@code tokenizer.json} "post_processor": wraps an encoded sequence in the model's special tokens
 * ({@code <s> … </s>}, {@code [CLS] … [SEP]}) when special tokens are requested.
 */
public interface PostProcessor {
    /** The ids before and after a single sequence. */
    int[] prefix();

    int[] suffix();

    PostProcessor NONE = new PostProcessor() {
        @Override
        public int[] prefix() {
            return new int[0];
        }

        @Override
        public int[] suffix() {
            return new int[0];
        }
    };

    static PostProcessor of(int[] prefix, int[] suffix) {
        return new PostProcessor() {
            @Override
            public int[] prefix() {
                return prefix.clone();
            }

            @Override
            public int[] suffix() {
                return suffix.clone();
            }
        };
    }
}

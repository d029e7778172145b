package dev.strata.tokenizer.bpe;

import java.nio.charset.StandardCharsets;

/**
 * UTF-8 conversions with the conventions Hugging Face's Rust code has. A lone surrogate (possible in a Java
 * String, impossible in a Rust str) is taken as its 3-byte generalized-UTF-8 form and decoded lossily, which
 * gives three U+FFFD: exactly what the Rust tokenizer sees when a Java string crosses JNI (DJL). Invalid bytes
 * decode to U+FFFD.
 */
public final class Utf8 {
    private Utf8() {
    }

    public static byte[] encode(String s) {
        return replaceLoneSurrogates(s).getBytes(StandardCharsets.UTF_8);
    }

    /** Replaces every lone surrogate by three U+FFFD; returns the same instance when there is none. */
    public static String replaceLoneSurrogates(String s) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (Character.isSurrogate(c)) {
                boolean paired = Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1));
                if (paired) {
                    i++;
                    continue;
                }
                StringBuilder sb = new StringBuilder(n + 8);
                sb.append(s, 0, i);
                for (int j = i; j < n; j++) {
                    char d = s.charAt(j);
                    if (Character.isHighSurrogate(d) && j + 1 < n && Character.isLowSurrogate(s.charAt(j + 1))) {
                        sb.append(d).append(s.charAt(++j));
                    } else if (Character.isSurrogate(d)) {
                        sb.append("\uFFFD\uFFFD\uFFFD");
                    } else {
                        sb.append(d);
                    }
                }
                return sb.toString();
            }
        }
        return s;
    }

    public static String decode(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}

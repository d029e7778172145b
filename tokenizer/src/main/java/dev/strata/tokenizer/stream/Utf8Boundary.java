package dev.strata.tokenizer.stream;

/** Where the last complete UTF-8 character of a byte run ends. */
final class Utf8Boundary {
    private Utf8Boundary() {
    }

    /**
     * Length of the longest prefix that does not end inside a multi-byte character that could still be completed.
     * Invalid bytes count as complete (they decode to U+FFFD either way, so waiting would only delay the text).
     */
    static int completePrefixLength(byte[] bytes) {
        int n = bytes.length;
        // A UTF-8 character is at most 4 bytes: only the last 3 positions can start an unfinished one.
        for (int back = 1; back <= Math.min(3, n); back++) {
            int b = bytes[n - back] & 0xFF;
            if ((b & 0xC0) == 0x80) continue; // continuation byte: keep looking for the lead
            int need = b >= 0xF0 && b <= 0xF4 ? 4 : b >= 0xE0 && b <= 0xEF ? 3 : b >= 0xC2 && b <= 0xDF ? 2 : 1;
            return need > back ? n - back : n;
        }
        return n;
    }
}

package dev.strata.tokenizer.bpe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Lookups by range of a larger string, the capacity limit, and concurrent use never giving a wrong answer. */
class WordIdCacheTest {
    @Test
    void findsAWordByRangeOnly() {
        WordIdCache c = new WordIdCache(16);
        c.put("world", new int[] {7, 8});
        assertThat(c.get("hello world!", 6, 11)).containsExactly(7, 8);
        assertThat(c.get("hello world!", 6, 10)).isNull(); // "worl"
        assertThat(c.get("hello world!", 5, 11)).isNull(); // " world"
        assertThat(c.get("world", 0, 5)).containsExactly(7, 8);
        c.put("", new int[0]);
        assertThat(c.get("abc", 1, 1)).isEmpty();
    }

    @Test
    void collidingHashesStayApart() {
        WordIdCache c = new WordIdCache(16);
        assertThat("Aa".hashCode()).isEqualTo("BB".hashCode());
        c.put("Aa", new int[] {1});
        c.put("BB", new int[] {2});
        assertThat(c.get("xAa", 1, 3)).containsExactly(1);
        assertThat(c.get("BBx", 0, 2)).containsExactly(2);
    }

    @Test
    void stopsTakingWordsWhenFull() {
        WordIdCache c = new WordIdCache(4);
        for (int i = 0; i < 10; i++) c.put("w" + i, new int[] {i});
        assertThat(c.size()).isEqualTo(4);
        assertThat(c.get("w3", 0, 2)).containsExactly(3);
        assertThat(c.get("w4", 0, 2)).isNull();
    }

    @Test
    void concurrentPutsAndGetsNeverReturnAnotherWordsIds() throws Exception {
        WordIdCache c = new WordIdCache(1 << 12);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Integer>> jobs = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                jobs.add(() -> {
                    int wrong = 0;
                    for (int round = 0; round < 20; round++) {
                        for (int i = 0; i < 3000; i++) {
                            String w = "word" + i;
                            int[] got = c.get(w, 0, w.length());
                            if (got == null) c.put(w, new int[] {i});
                            else if (got.length != 1 || got[0] != i) wrong++;
                        }
                    }
                    return wrong;
                });
            }
            for (Future<Integer> f : pool.invokeAll(jobs)) assertThat(f.get()).isZero();
        } finally {
            pool.shutdownNow();
        }
        assertThat(c.size()).isBetween(3000, 4096);
    }
}

package dev.strata.benchmarks.tokenizer;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/** Encode throughput of one contender on one 1 MiB text: one op = the whole text. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class TokenizerEncodeBenchmark {
    @Param({"strata-bytelevel", "hf-bytelevel", "strata-spm", "hf-spm", "strata-unigram", "hf-unigram", "strata-cl100k", "jtokkit-cl100k"})
    public String contender;

    @Param({"english", "mixed"})
    public String text;

    private Contender c;
    private String input;

    @Setup(Level.Trial)
    public void setUp() {
        Path shared = Path.of(System.getProperty("strata.shared", "../shared"));
        c = Contender.create(contender, shared);
        input = text.equals("english") ? BenchTexts.english(shared) : BenchTexts.mixed(shared);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        if (c.resource() != null) c.resource().close();
    }

    @Benchmark
    public int[] encode() {
        return c.encode(input);
    }
}

package dev.strata.vector.store;

import dev.strata.vector.IndexConfig;
import dev.strata.vector.VectorIndex;
import dev.strata.vector.distance.Metric;
import java.nio.file.Path;
import java.util.Map;

/**
 * Child process of {@link KillNineTest}: upserts vectors forever (snapshotting now and then) and prints
 * "ack N" after each upsert returned, i.e. after it is durable. The parent kills it with SIGKILL.
 */
public final class CrashChild {
    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        VectorIndex idx = VectorIndex.openOrCreate(dir, IndexConfig.of(8, Metric.L2).withGraph(8, 40));
        for (int i = 0; ; i++) {
            idx.upsert("v" + i, KillNineTest.vectorFor(i), Map.of("n", Integer.toString(i)));
            System.out.println("ack " + i);
            System.out.flush();
            if (i % 150 == 149) {
                idx.snapshot();
            }
        }
    }
}

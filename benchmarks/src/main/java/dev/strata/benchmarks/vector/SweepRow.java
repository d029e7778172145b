package dev.strata.benchmarks.vector;

/** One measured point: engine, threads, ef, recall@10 and queries per second. */
record SweepRow(String engine, int threads, int ef, double recall, double qps) {
}

package dev.strata.vector.hnsw;

/** Scores one query against stored nodes (higher is closer). Built once per query so the query is prepared once. */
@FunctionalInterface
public interface QueryScorer {
    float score(int node);
}

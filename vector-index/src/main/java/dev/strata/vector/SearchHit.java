package dev.strata.vector;

import java.util.Map;

/**
 * One search result: the id given at upsert, its score (higher is closer: negative squared distance for L2, dot
 * product for dot, cosine similarity for cosine) and its metadata.
 */
public record SearchHit(String id, float score, Map<String, String> metadata) {
}

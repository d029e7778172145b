package dev.strata.batching.api;

/**
 * Load of an engine at one moment.
 *
 * @param running        sequences in the running batch
 * @param waiting        requests queued
 * @param kvCacheUsage   fraction of KV blocks in use, 0..1
 * @param acceptingWork  false once draining or closed
 */
public record EngineStats(int running, int waiting, double kvCacheUsage, boolean acceptingWork) {
}

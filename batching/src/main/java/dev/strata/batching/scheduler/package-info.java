/**
 * The continuous-batching engine: requests join and leave the running batch at every step under a token budget;
 * prefill is chunked and mixed with decodes; KV blocks run out → the lowest-ranked, newest request is preempted
 * and later recomputed without re-streaming anything.
 */
package dev.strata.batching.scheduler;

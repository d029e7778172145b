/**
 * Bookkeeping of the paged KV cache: which physical blocks (owned by the {@link dev.strata.batching.engine.ModelRunner})
 * belong to which sequence, reference counts for sharing (prefix cache, forks), copy-on-write, and the prefix cache
 * over full blocks with LRU eviction. No tensors live here, only block ids.
 */
package dev.strata.batching.kv;

/**
 * The serving interface of the batching layer: {@link dev.strata.batching.api.LlmEngine} takes tokenized requests
 * and streams tokens and text back. Servers and benchmarks depend on this package only.
 */
package dev.strata.batching.api;

/** The engine seam: {@link dev.strata.batching.engine.ModelRunner} and the value types of one engine step. */
package dev.strata.batching.engine;

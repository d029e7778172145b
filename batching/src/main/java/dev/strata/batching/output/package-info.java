/**
 * Turning one choice's tokens into streamed text: incremental detokenization (never half a character) and stop
 * strings matched on the decoded text across token boundaries, holding back text that may still become a stop.
 */
package dev.strata.batching.output;

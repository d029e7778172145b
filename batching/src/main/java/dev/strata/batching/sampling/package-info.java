/**
 * Choosing the next token from logits: logit bias, penalties, temperature, top-k / top-p / min-p, a per-sequence
 * seeded generator (so a request's tokens do not depend on its batch), and log-probabilities.
 */
package dev.strata.batching.sampling;

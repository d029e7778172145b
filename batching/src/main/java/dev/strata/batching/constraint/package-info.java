/**
 * Constrained decoding: a JSON schema or a regular expression compiled to a character automaton, driven over the
 * vocabulary's token bytes so that every sampled token keeps the output a prefix of a valid answer.
 */
package dev.strata.batching.constraint;

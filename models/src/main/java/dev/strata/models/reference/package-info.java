/**
 * The plain-Java reference forward pass of Llama-family models: float32, one token at a time, written for
 * clarity over speed. It is the correctness oracle for the DJL engine; each building block is its own class so
 * that it can be checked against hand-computed values.
 */
package dev.strata.models.reference;

package dev.strata.tools.invoke;

/** Which output stream of a tool bytes came from. */
public enum OutputStreamKind { STDOUT, STDERR }

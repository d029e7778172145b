package dev.strata.benchmarks.serving;

/**
 * What one request measured, in nanoseconds from its send.
 *
 * @param ok           completed without error
 * @param ttftNanos    time to the first generated token
 * @param e2eNanos     time to the last byte
 * @param outputTokens tokens generated
 * @param error        why it failed, else null
 */
public record RequestResult(boolean ok, long ttftNanos, long e2eNanos, int outputTokens, String error) {

    static RequestResult failed(String error) {
        return new RequestResult(false, 0, 0, 0, error);
    }

    /** Mean time per output token after the first, or NaN with fewer than two tokens. */
    public double tpotNanos() {
        return outputTokens < 2 ? Double.NaN : (e2eNanos - ttftNanos) / (double) (outputTokens - 1);
    }
}

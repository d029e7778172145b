package dev.strata.server.http;

/** Readiness and draining, shared by the HTTP and gRPC front ends. */
public final class ServerState {
    private volatile boolean ready;
    private volatile boolean draining;

    /** Models are loaded and warmed up: {@code /ready} answers 200 and the gRPC health status is SERVING. */
    public void markReady() {
        ready = true;
    }

    /** Shutdown began: new generations are refused, in-flight ones finish. */
    public void markDraining() {
        draining = true;
    }

    public boolean ready() {
        return ready && !draining;
    }

    public boolean draining() {
        return draining;
    }
}

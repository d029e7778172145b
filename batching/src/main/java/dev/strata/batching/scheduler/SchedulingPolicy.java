package dev.strata.batching.scheduler;

/** The order in which requests get the engine's capacity. */
public enum SchedulingPolicy {
    /** First come, first served: arrival order; the newest request is preempted first. */
    FCFS,
    /**
     * Larger {@link dev.strata.batching.api.GenerationRequest#priority()} first, ties by arrival; a waiting
     * request gains one priority level per {@link EngineConfig#agingMillis()} of age, so none starves.
     */
    PRIORITY
}

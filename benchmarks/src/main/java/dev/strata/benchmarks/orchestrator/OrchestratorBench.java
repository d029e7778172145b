package dev.strata.benchmarks.orchestrator;

import dev.strata.orchestrator.agent.AgentDefinition;
import dev.strata.orchestrator.agent.AgentWorkflow;
import dev.strata.orchestrator.agent.PromptTemplate;
import dev.strata.orchestrator.agent.ToolResult;
import dev.strata.orchestrator.events.EventBus;
import dev.strata.orchestrator.model.ToolSpec;
import dev.strata.orchestrator.store.CheckpointStore;
import dev.strata.orchestrator.store.Database;
import dev.strata.orchestrator.store.JdbcCheckpointStore;
import dev.strata.orchestrator.store.pg.LocalPostgres;
import dev.strata.orchestrator.workflow.Budget;
import dev.strata.orchestrator.workflow.RunListener;
import dev.strata.orchestrator.workflow.RunRecord;
import dev.strata.orchestrator.workflow.RunStatus;
import dev.strata.orchestrator.workflow.StartRequest;
import dev.strata.orchestrator.workflow.Usage;
import dev.strata.orchestrator.workflow.WorkflowEngine;
import dev.strata.proto.agent.v1.RunEvent;
import dev.strata.proto.agent.v1.StepStarted;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@code strata bench orchestrator}: (1) orchestration overhead per agent step with model time excluded (an
 * instant model whose own time is measured and subtracted; a no-op tool), on the embedded H2 store; (2) checkpoint
 * write latency (one {@code save} of a run with a ~2 KB state and one outbox event) p50/p99 on H2 and on a local
 * PostgreSQL with its default durability (fsync on). H2 writes reach the OS at each commit but are not fsynced.
 */
public final class OrchestratorBench {
    /** What to run. */
    public record Options(int runs, int toolTurns, int writes, boolean postgres, Path workDir) {
    }

    private OrchestratorBench() {
    }

    public static void run(Options o, PrintStream out) throws IOException {
        Files.createDirectories(o.workDir());
        Path h2 = Files.createTempDirectory(o.workDir(), "bench-h2");
        out.printf("orchestrator benchmark: %d agent runs x %d steps, %d checkpoint writes per store%n",
            o.runs(), 2 * o.toolTurns() + 1, o.writes());
        out.printf("%-44s %10s %10s %10s %10s%n", "measure", "p50 ms", "p99 ms", "mean ms", "n");
        try (CheckpointStore store = new JdbcCheckpointStore(Database.h2File(h2.resolve("steps")))) {
            Percentiles steps = stepOverhead(store, o);
            row(out, "agent step overhead, model excluded (H2)", steps);
        }
        try (CheckpointStore store = new JdbcCheckpointStore(Database.h2File(h2.resolve("writes")))) {
            row(out, "checkpoint write (H2 file)", checkpointWrites(store, o.writes()));
        }
        if (o.postgres()) {
            if (!LocalPostgres.available()) {
                out.println("checkpoint write (PostgreSQL): skipped, no PostgreSQL binaries on this machine");
            } else {
                try (LocalPostgres pg = LocalPostgres.start(true);
                     CheckpointStore store = new JdbcCheckpointStore(Database.postgres(pg.jdbcUrl(), LocalPostgres.USER, ""))) {
                    row(out, "checkpoint write (PostgreSQL, fsync on)", checkpointWrites(store, o.writes()));
                }
            }
        }
        deleteTree(h2);
    }

    private static void row(PrintStream out, String name, Percentiles p) {
        out.printf("%-44s %10.3f %10.3f %10.3f %10d%n", name, p.p50Ms(), p.p99Ms(), p.meanMs(), p.count());
    }

    /** Per-step overhead of each run: (run wall time - time inside the model) / steps executed. */
    static Percentiles stepOverhead(CheckpointStore store, Options o) {
        TimedChatModel model = new TimedChatModel(o.toolTurns());
        AgentDefinition agent = new AgentDefinition("bench", "", new PromptTemplate("You are a benchmark.\n{{tools}}"),
            model, List.of(new ToolSpec("noop", "does nothing", null)), (call, key) -> ToolResult.ok("1"), null, 0, null,
            Set.of(), new Budget(10_000, 0, 0));
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        WorkflowEngine engine = new WorkflowEngine(store, executor, System::currentTimeMillis, new EventBus())
            .register(AgentWorkflow.build(agent), agent.defaultBudget());
        int warmup = Math.max(5, o.runs() / 5);
        long[] perStep = new long[o.runs()];
        for (int i = -warmup; i < o.runs(); i++) {
            long modelBefore = model.nanosInModel.get();
            long t0 = System.nanoTime();
            RunRecord r = engine.start(StartRequest.of("run-" + i, "bench", "go"), RunListener.NONE);
            long wall = System.nanoTime() - t0;
            if (r.status() != RunStatus.SUCCEEDED) {
                throw new IllegalStateException("benchmark run " + r.runId() + " ended " + r.status() + ": " + r.error());
            }
            if (i >= 0) {
                perStep[i] = (wall - (model.nanosInModel.get() - modelBefore)) / r.step();
            }
        }
        executor.shutdownNow();
        return Percentiles.of(perStep);
    }

    /** Latency of single checkpoint writes of one run, as the engine issues them after each step. */
    static Percentiles checkpointWrites(CheckpointStore store, int writes) {
        String state = "{\"messages\":[" + "{\"role\":\"user\",\"content\":\"" + "x".repeat(100) + "\"},".repeat(15)
            + "{\"role\":\"user\",\"content\":\"end\"}]}";
        RunRecord r = store.create(RunRecord.start("bench-writes", "bench", "model", "input", "", Map.of(),
            Budget.UNLIMITED, state, System.currentTimeMillis()));
        int warmup = Math.max(20, writes / 10);
        long[] samples = new long[writes];
        List<RunEvent> events = new ArrayList<>(1);
        for (int i = -warmup; i < writes; i++) {
            int step = r.step() + 1;
            RunEvent ev = RunEvent.newBuilder().setRunId(r.runId()).setSequence(step).setStep(step)
                .setStepStarted(StepStarted.newBuilder().setNode("model")).build();
            events.clear();
            events.add(ev);
            RunRecord next = r.advance("model", step, step, Usage.NONE, state);
            long t0 = System.nanoTime();
            r = store.save(next, events);
            long dt = System.nanoTime() - t0;
            if (i >= 0) {
                samples[i] = dt;
            }
        }
        return Percentiles.of(samples);
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }

    /** {@code java ... OrchestratorBench [runs] [writes]}. */
    public static void main(String[] args) throws IOException {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        int writes = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        run(new Options(runs, 5, writes, true, Path.of("target", "bench-orchestrator")), System.out);
    }
}

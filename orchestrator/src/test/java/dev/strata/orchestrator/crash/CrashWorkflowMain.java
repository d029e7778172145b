package dev.strata.orchestrator.crash;

import dev.strata.orchestrator.events.EventBus;
import dev.strata.orchestrator.store.CheckpointStore;
import dev.strata.orchestrator.store.Database;
import dev.strata.orchestrator.store.JdbcCheckpointStore;
import dev.strata.orchestrator.workflow.Budget;
import dev.strata.orchestrator.workflow.RunListener;
import dev.strata.orchestrator.workflow.RunRecord;
import dev.strata.orchestrator.workflow.StartRequest;
import dev.strata.orchestrator.workflow.Workflow;
import dev.strata.orchestrator.workflow.WorkflowEngine;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.Executors;

/**
 * The orchestrator process of the crash test: runs (or resumes) a workflow of {@code steps} steps whose tool
 * appends one line per call to a side-effect file, keyed by the idempotency key it is given. The tool drops a
 * key it already wrote (the idempotent receiver); every invocation is also logged to an attempts file, so the test
 * can tell whether the orchestrator re-invoked effects it had already recorded.
 *
 * <p>Arguments: {@code start|resume jdbcUrl user runId steps effectsFile attemptsFile}. Exit 0 when the run
 * ends SUCCEEDED.
 */
public final class CrashWorkflowMain {
    private CrashWorkflowMain() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        String url = args[1];
        String user = args[2];
        String runId = args[3];
        int steps = Integer.parseInt(args[4]);
        Path effects = Path.of(args[5]);
        Path attempts = Path.of(args[6]);
        Database db = url.startsWith("jdbc:h2:") ? new Database(url, user, "", 4) : Database.postgres(url, user, "");
        try (CheckpointStore store = new JdbcCheckpointStore(db)) {
            Workflow wf = Workflow.builder("crash-test")
                .node("write", ctx -> {
                    int i = ctx.state().path("i").asInt(0);
                    ctx.effect("write-" + i, key -> {
                        appendLine(attempts, key);
                        if (!Files.readAllLines(effects).contains(key)) {
                            appendLine(effects, key);
                        }
                        Thread.sleep(40);
                        return "{\"written\":\"" + key + "\"}";
                    });
                    ctx.state().put("i", i + 1);
                    if (i + 1 == steps) {
                        ctx.state().put("answer", "wrote " + steps);
                    }
                })
                .route("write", s -> s.get("i").asInt() < steps ? "write" : Workflow.END)
                .build();
            WorkflowEngine engine = new WorkflowEngine(store, Executors.newVirtualThreadPerTaskExecutor(),
                System::currentTimeMillis, new EventBus()).register(wf, Budget.UNLIMITED);
            RunRecord r = mode.equals("start")
                ? engine.start(StartRequest.of(runId, "crash-test", ""), RunListener.NONE)
                : engine.resume(runId, null, RunListener.NONE);
            System.out.println("run " + runId + " ended " + r.status() + " at step " + r.step());
            System.exit(r.status() == dev.strata.orchestrator.workflow.RunStatus.SUCCEEDED ? 0 : 1);
        }
    }

    private static void appendLine(Path file, String line) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
            StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8)));
            ch.force(true);
        }
    }
}

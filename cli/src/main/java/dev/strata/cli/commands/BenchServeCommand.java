package dev.strata.cli.commands;

import dev.strata.benchmarks.serving.EngineComparison;
import dev.strata.benchmarks.serving.HttpCompletionTarget;
import dev.strata.benchmarks.serving.LoadGenerator;
import dev.strata.benchmarks.serving.RequestSpec;
import dev.strata.benchmarks.serving.ServeSummary;
import dev.strata.benchmarks.serving.ServeSweep;
import dev.strata.benchmarks.serving.WorkloadMix;
import dev.strata.cli.UserException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code strata bench serve}: load-tests an OpenAI-compatible server ({@code --url}) like {@code vllm bench
 * serve}, or ({@code --in-process}) compares continuous batching with static batching and one request at a time
 * on the DJL engine with random weights of a real shape.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = {"Serving benchmark: throughput, TTFT and TPOT percentiles, goodput under an SLO.",
        "--url URL: streams /v1/completions from a running server (closed loop of --concurrency clients, or Poisson"
            + " arrivals at --rate requests/s).",
        "--in-process: continuous vs static batching vs one at a time on the DJL engine (random SmolLM2-135M shape, CPU),"
            + " plus the prefix cache's effect on TTFT for a shared system prompt."})
public final class BenchServeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Mode mode;

    static final class Mode {
        @Option(names = "--url", paramLabel = "URL", description = "Base URL of the server, e.g. http://127.0.0.1:8000.")
        String url;

        @Option(names = "--in-process", description = "Compare schedulers in this process on the DJL engine.")
        boolean inProcess;
    }

    @Option(names = "--concurrency", defaultValue = "8", description = "Clients (closed loop) or most requests in flight (with --rate). Default: ${DEFAULT-VALUE}.")
    int concurrency;

    @Option(names = "--requests", defaultValue = "64", description = "Requests to send. Default: ${DEFAULT-VALUE}.")
    int requests;

    @Option(names = "--rate", description = "Poisson arrivals at this many requests per second (default: closed loop).")
    Double rate;

    @Option(names = "--model", description = "Model name to request (default: the first of GET /v1/models).")
    String model;

    @Option(names = "--max-prompt", defaultValue = "512", description = "Longest prompt in tokens. Default: ${DEFAULT-VALUE}.")
    int maxPrompt;

    @Option(names = "--max-output", defaultValue = "128", description = "Longest output in tokens. Default: ${DEFAULT-VALUE}.")
    int maxOutput;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the workload and the arrivals. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--slo-ttft-ms", defaultValue = "2000", description = "Goodput SLO on time to first token. Default: ${DEFAULT-VALUE}.")
    double sloTtftMs;

    @Option(names = "--slo-tpot-ms", defaultValue = "200", description = "Goodput SLO on time per output token. Default: ${DEFAULT-VALUE}.")
    double sloTpotMs;

    @Option(names = "--shape", defaultValue = "SMOLLM2_135M", description = "In-process model shape: ${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}.")
    EngineComparison.Shape shape;

    @Option(names = "--prefix-requests", defaultValue = "4", description = "In-process: requests sharing a system prompt (0 to skip). Default: ${DEFAULT-VALUE}.")
    int prefixRequests;

    @Option(names = "--prefix-length", defaultValue = "1000", description = "In-process: length of the shared system prompt. Default: ${DEFAULT-VALUE}.")
    int prefixLength;

    @Option(names = "--sweep", description = "Run the workload at several loads: closed loops of --clients, then Poisson arrivals at --rates (default: 25/50/100% of the widest loop's request rate).")
    boolean sweep;

    @Option(names = "--clients", split = ",", defaultValue = "1,8,32", description = "With --sweep: closed-loop client counts. Default: ${DEFAULT-VALUE}.")
    List<Integer> clients;

    @Option(names = "--rates", split = ",", description = "With --sweep: Poisson arrival rates in requests/s (comma-separated).")
    List<Double> rates;

    @Option(names = "--step-tokens", defaultValue = "512", description = "In-process: token budget of one engine step. Default: ${DEFAULT-VALUE}.")
    int stepTokens;

    @Override
    public Integer call() {
        if (concurrency < 1) throw new UserException("--concurrency: must be at least 1, got " + concurrency);
        if (requests < 1) throw new UserException("--requests: must be at least 1, got " + requests);
        if (rate != null && !(rate > 0)) throw new UserException("--rate: must be positive, got " + rate);
        if (maxPrompt < 2 || maxOutput < 1) throw new UserException("--max-prompt must be >= 2 and --max-output >= 1");
        PrintWriter out = spec.commandLine().getOut();
        if (sweep) return sweep(out);
        if (mode.inProcess) {
            EngineComparison.Settings s = settings(prefixRequests);
            EngineComparison.Result r = EngineComparison.run(s, System.err);
            out.print(EngineComparison.report(s, r));
            out.flush();
            return 0;
        }
        List<RequestSpec> specs = httpWorkload();
        try (HttpCompletionTarget target = new HttpCompletionTarget(mode.url, model, Duration.ofMinutes(10))) {
            LoadGenerator.Run run = LoadGenerator.run(target, specs, concurrency, rate == null ? 0 : rate, seed);
            ServeSummary summary = ServeSummary.of(specs, run, sloTtftMs, sloTpotMs);
            String title = String.format(Locale.ROOT, "%s c=%d %s", target.model(), concurrency,
                rate == null ? "closed-loop" : "rate=" + rate);
            out.print(summary.table(title));
            if (summary.firstError() != null) out.println("first error: " + summary.firstError());
            out.flush();
            return summary.ok() == 0 ? 1 : 0;
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new UserException(e.getMessage());
        }
    }

    /** The in-process settings of this command line. */
    private EngineComparison.Settings settings(int prefixRequestCount) {
        return new EngineComparison.Settings(shape, concurrency, requests, maxPrompt, maxOutput, stepTokens,
            prefixRequestCount, prefixLength, seed, sloTtftMs, sloTpotMs);
    }

    /** The requests sent to a server: ids every vocabulary has. */
    private List<RequestSpec> httpWorkload() {
        return new WorkloadMix(seed, maxPrompt, maxOutput, 0, 100, 256).requests(requests);
    }

    private int sweep(PrintWriter out) {
        List<Double> r = rates == null ? List.of() : rates;
        for (int c : clients) if (c < 1) throw new UserException("--clients: each must be at least 1, got " + c);
        for (double x : r) if (!(x > 0)) throw new UserException("--rates: each must be positive, got " + x);
        ServeSweep.Result result;
        if (mode.inProcess) {
            result = EngineComparison.sweep(settings(0), clients, r, System.err);
        } else {
            List<RequestSpec> specs = httpWorkload();
            try (HttpCompletionTarget target = new HttpCompletionTarget(mode.url, model, Duration.ofMinutes(10))) {
                result = ServeSweep.run(target, specs, clients, r, seed, sloTtftMs, sloTpotMs, System.err);
            } catch (IllegalArgumentException | IllegalStateException e) {
                throw new UserException(e.getMessage());
            }
        }
        out.print(result.table());
        out.flush();
        int failed = 0;
        for (ServeSummary x : result.summaries()) failed += x.failed();
        return failed == 0 ? 0 : 1;
    }
}

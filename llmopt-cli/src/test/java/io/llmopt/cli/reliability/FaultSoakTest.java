package io.llmopt.cli.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmopt.cli.CliRunner;
import io.llmopt.core.accounting.LlmCallRecord;
import io.llmopt.core.store.RunRecord;
import io.llmopt.core.store.RunStatus;
import io.llmopt.core.store.RunStore;
import io.llmopt.sim.Fault;
import io.llmopt.sim.FaultRule;
import io.llmopt.testkit.SimulatedLlmExtension;
import io.llmopt.sim.SimulatedLlmServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * An OPRO prompt run and a BPO eval run through the real CLI and the whole decorator stack, with
 * every transient fault mixed in at realistic rates, end with exactly the results of a fault-free
 * run, and the call log holds each logical call once, successful.
 *
 * <p>Truncation at max_tokens is not a transient fault: the reply is a success, and a real model at
 * temperature 0 cuts the same request the same way every time, so retrying it would only pay twice
 * for the same text. The loop grades it as it is (as the reference does), the call is recorded once,
 * and both runs here truncate the same ~1% of requests (chosen by the request, not by chance), which
 * is what lets the results be compared for equality.
 */
@ExtendWith(SimulatedLlmExtension.class)
class FaultSoakTest {

    private static final long SEED = 42;

    @TempDir
    Path dir;

    record Outcome(List<String> fingerprint, List<String> callHashes, List<LlmCallRecord> calls, int requests, String out) {
    }

    @Test
    void oproAndBpoRunsUnderMixedFaultsEqualTheFaultFreeRuns(SimulatedLlmServer sim) throws Exception {
        Worlds.script(sim);
        sim.retryAfterSeconds(1).timeoutHold(Duration.ofSeconds(10));
        Path sums = Worlds.sums(dir);
        Path prompts = Worlds.prompts(dir);

        sim.inject(Worlds.deterministicTruncation());
        Outcome cleanOpro = run(sim, "clean-opro", Worlds.oproPrompt(sums));
        Outcome cleanBpo = run(sim, "clean-bpo", Worlds.bpoEval(prompts));
        long truncatedClean = sim.faultCount(Fault.TRUNCATED);

        sim.clear();
        sim.clearFaults();
        sim.inject(Worlds.deterministicTruncation());
        Map<Fault, Double> rates = new EnumMap<>(Fault.class);
        rates.put(Fault.RATE_LIMITED, 0.05);
        rates.put(Fault.SERVER_ERROR, 0.01);
        rates.put(Fault.SERVICE_UNAVAILABLE, 0.01);
        rates.put(Fault.TIMEOUT, 0.01);
        rates.put(Fault.CONNECTION_RESET, 0.01);
        rates.put(Fault.MALFORMED_JSON, 0.01);
        rates.put(Fault.EMPTY_CHOICES, 0.01);
        long seed = SEED;
        for (var e : rates.entrySet()) {
            sim.inject(FaultRule.atRate(e.getValue(), seed++, e.getKey()));
        }
        Outcome faultyOpro = run(sim, "faulty-opro", Worlds.oproPrompt(sums));
        Outcome faultyBpo = run(sim, "faulty-bpo", Worlds.bpoEval(prompts));
        Map<Fault, Long> seen = sim.faultCounts();

        for (Outcome[] pair : List.of(new Outcome[] {cleanOpro, faultyOpro}, new Outcome[] {cleanBpo, faultyBpo})) {
            Outcome clean = pair[0];
            Outcome faulty = pair[1];
            assertThat(faulty.fingerprint()).isNotEmpty().isEqualTo(clean.fingerprint());
            assertThat(faulty.out()).isEqualTo(clean.out());
            // the call log: every logical call once, all successful, the same requests as the clean run
            assertThat(faulty.calls()).allSatisfy(c -> assertThat(c.error()).isNull());
            assertThat(faulty.callHashes()).isEqualTo(clean.callHashes());
            // the ledger counts every request the server got, the retried attempts included
            for (Outcome o : pair) {
                assertThat(o.calls()).allSatisfy(c -> assertThat(c.settled()).isTrue());
                assertThat(o.calls().stream().mapToLong(LlmCallRecord::requests).sum()).isEqualTo(o.requests());
            }
        }
        long transientFaults = seen.entrySet().stream().filter(e -> e.getKey() != Fault.TRUNCATED).mapToLong(Map.Entry::getValue).sum();
        int logical = faultyOpro.calls().size() + faultyBpo.calls().size();
        // every faulty attempt was retried, and nothing else was sent twice
        assertThat(faultyOpro.requests() + faultyBpo.requests()).isEqualTo(logical + transientFaults);
        assertThat(seen.get(Fault.TRUNCATED)).isEqualTo(truncatedClean);
        for (Fault f : rates.keySet()) {
            assertThat(seen).as("the soak saw some " + f).containsKey(f);
        }
        System.out.printf("fault soak: opro %d calls, bpo %d calls; %d requests sent; transient faults seen and retried: %s"
                        + " (total %d, every one retried once and then answered); truncated (same in both runs): %d%n",
                faultyOpro.calls().size(), faultyBpo.calls().size(), faultyOpro.requests() + faultyBpo.requests(),
                seen.entrySet().stream().filter(e -> e.getKey() != Fault.TRUNCATED)
                        .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", ")),
                transientFaults, seen.getOrDefault(Fault.TRUNCATED, 0L));
    }

    private Outcome run(SimulatedLlmServer sim, String name, List<String> command) throws Exception {
        Path folder = Files.createDirectories(dir.resolve(name));
        int before = sim.requestCount();
        List<String> args = new ArrayList<>(command);
        // a short client time-out, so the injected time-outs cost a second each
        args.addAll(Worlds.common(sim, folder, "off", "--no-probe")); // probe requests are no run calls
        for (String role : List.of("optimizer", "scorer", "judge", "rewriter", "responder")) {
            args.addAll(List.of("--set", "models." + role + ".timeout_seconds=2"));
        }
        CliRunner.Result r = CliRunner.run(args);
        assertThat(r.exitCode()).as(name + ": " + r.err()).isZero();
        assertThat(r.err() + r.out()).doesNotContain("report not written");
        try (RunStore store = RunStore.open(folder.resolve("runs.db"))) {
            assertThat(store.integrityCheck().ok()).isTrue();
            RunRecord run = store.runs().get(0);
            assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
            List<LlmCallRecord> calls = store.calls(run.id());
            return new Outcome(RunFingerprint.of(store, run.id()),
                    calls.stream().map(c -> c.role() + " " + c.requestHash()).sorted().toList(), calls,
                    sim.requestCount() - before, normalized(r.out(), run.id()));
        }
    }

    /** What the command printed, without what differs between equal runs (run id, folders, times, cost). */
    private static String normalized(String out, String runId) {
        return out.replace(runId, "RUN").replaceAll("(?m)^.*(report|elapsed|took|time|\\$|runs/|run RUN).*$", "")
                .replaceAll("\\d+(\\.\\d+)?\\s?(ms|s)\\b", "T");
    }
}

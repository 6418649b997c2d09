package io.llmopt.cli.common;

import io.llmopt.core.accounting.Usage;
import io.llmopt.core.config.LoadedConfig;
import io.llmopt.core.config.ModelSpec;
import io.llmopt.core.config.Provider;
import io.llmopt.local.EngineRunEstimate;
import io.llmopt.local.EngineSpeed;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Before a run on the embedded engine: how long it would take here (the dry run's token counts at
 * the measured speed), and when that is over an hour, how to make it smaller and whether to go on.
 * A GSM8K step is about 2,000 scorer calls: hours on a laptop CPU, which nothing said before.
 */
final class LocalRunCheck {

    /** Asks a yes/no question on the terminal; empty when there is no terminal to ask on. */
    interface Terminal {
        Optional<Boolean> confirm(String question);
    }

    private final Function<ModelSpec, EngineSpeed> speeds;
    private final Terminal terminal;
    private final PrintWriter err;

    LocalRunCheck(Function<ModelSpec, EngineSpeed> speeds, Terminal terminal, PrintWriter err) {
        this.speeds = speeds;
        this.terminal = terminal;
        this.err = err;
    }

    /** The roles the embedded engine plays in {@code config}, with their model's spec. */
    static Map<String, ModelSpec> localRoles(LoadedConfig config) {
        Map<String, ModelSpec> out = new java.util.LinkedHashMap<>();
        config.settings().roles().asMap().forEach((role, model) -> {
            ModelSpec spec = config.modelSpecs().get(model);
            if (spec != null && spec.provider() == Provider.LOCAL) {
                out.put(role, spec);
            }
        });
        return out;
    }

    /**
     * Prints the estimate and decides whether the run goes on.
     *
     * @param byRole   the dry run's usage per role
     * @param yes      {@code --yes}: go on without asking
     * @param hasFlag  whether the command has a flag, to advise only flags it takes
     * @return true to run, false when the user said no
     */
    boolean proceed(LoadedConfig config, Map<String, Usage> byRole, boolean yes, Function<String, Boolean> hasFlag) {
        Map<String, ModelSpec> local = localRoles(config);
        long prompt = 0;
        long completion = 0;
        EngineSpeed slowest = null;
        for (Map.Entry<String, ModelSpec> e : local.entrySet()) {
            Usage u = byRole.get(e.getKey());
            if (u == null) {
                continue;
            }
            prompt += u.promptTokens();
            completion += u.completionTokens();
            EngineSpeed s = speeds.apply(e.getValue());
            slowest = slowest == null || s.completionTokensPerSecond() < slowest.completionTokensPerSecond() ? s : slowest;
        }
        if (slowest == null) {
            return true;
        }
        EngineRunEstimate estimate = new EngineRunEstimate(prompt, completion, slowest);
        err.println("llmopt: " + estimate.describe());
        if (!estimate.isLong()) {
            err.flush();
            return true;
        }
        err.println("llmopt: to make it shorter: " + String.join("; ", advice(hasFlag)));
        err.flush();
        if (yes) {
            return true;
        }
        Optional<Boolean> answer = terminal.confirm("Run it anyway (about " + EngineRunEstimate.human(estimate.time()) + ")? [y/N] ");
        // without a terminal (CI, nohup) there is no one to ask: the estimate is in the log and the run goes on
        return answer.orElse(true);
    }

    private static List<String> advice(Function<String, Boolean> hasFlag) {
        List<String> out = new ArrayList<>();
        if (hasFlag.apply("--train-count")) {
            out.add("fewer training examples (--train-count 20)");
        }
        if (hasFlag.apply("--steps")) {
            out.add("fewer steps (--steps 3)");
        }
        if (hasFlag.apply("--no-test")) {
            out.add("no final test (--no-test)");
        }
        out.add("a served model (--model openai:gpt-4o-mini, or vllm:/ollama: on a GPU)");
        out.add("--yes skips this question");
        return out;
    }
}

package io.llmopt.cli.runs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmopt.cli.common.CommandLauncher;
import io.llmopt.core.store.RunRecord;
import io.llmopt.core.store.RunStore;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * Resumes a run by running the command that started it again with {@code --resume ID} against the
 * same store: the command already knows how to continue its own kind of run, so resuming needs no
 * second implementation of any loop.
 */
public final class CommandLineResumer implements RunResumer {

    /** Run kinds whose command takes {@code --resume}. */
    public static final List<String> KINDS = List.of("opro-prompt", "opro-sweep", "opro-optimize", "opro-transfer",
            "bpo-pairs", "bpo-rewrite", "bpo-eval", "bpo-rewrite-dataset");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String kind;
    private final CommandLauncher launcher;

    /** @param launcher runs the stored command afresh (the root command: {@code Main}) */
    public CommandLineResumer(String kind, CommandLauncher launcher) {
        this.kind = kind;
        this.launcher = launcher;
    }

    @Override
    public String kind() {
        return kind;
    }

    @Override
    public int resume(RunStore store, RunRecord run, PrintWriter out, PrintWriter err) throws Exception {
        JsonNode args = JSON.readTree(run.configJson()).path("command_line");
        if (!args.isArray() || args.isEmpty()) {
            throw new IllegalArgumentException("run " + run.id() + " does not record the command that started it;"
                    + " resume it with that command and --resume " + run.id());
        }
        List<String> argv = resumeArgs(args, run.id(), store.file().toString());
        out.println("resuming: llmopt " + String.join(" ", argv));
        out.flush();
        return launcher.launch(argv, out, err);
    }

    /** The stored arguments without any earlier --resume or --store, plus this run and store. */
    static List<String> resumeArgs(JsonNode stored, String runId, String storePath) {
        List<String> argv = new ArrayList<>();
        for (int i = 0; i < stored.size(); i++) {
            String a = stored.get(i).asText();
            if (a.equals("--resume") || a.equals("--store")) {
                i++;
            } else if (!a.startsWith("--resume=") && !a.startsWith("--store=")) {
                argv.add(a);
            }
        }
        argv.addAll(List.of("--resume", runId, "--store", storePath));
        return argv;
    }
}

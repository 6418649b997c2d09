package io.llmopt.cli;

import io.llmopt.local.LocalModelCatalog;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code llmopt model}: the embedded local model (list the catalogue, serve a model). */
@Command(
        name = "model",
        mixinStandardHelpOptions = true,
        description = {"The embedded local model (llama.cpp): GGUF files or catalogue names, no server or key needed."},
        subcommands = {ModelCommand.List.class, ModelCommand.Serve.class, CommandLine.HelpCommand.class})
final class ModelCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code llmopt model list}: the catalogue. */
    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Lists the built-in catalogue of local models (downloaded on first use).")
    static final class List implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            out.printf(Locale.ROOT, "%-26s %-48s %s%n", "name", "Hugging Face repository", "file");
            LocalModelCatalog.models().forEach(m -> out.printf(Locale.ROOT, "%-26s %-48s %s%s%n", m.name(), m.repository(),
                    m.fileName(), m.name().equals(LocalModelCatalog.DEFAULT_MODEL) ? "   (default)" : ""));
            out.println();
            out.println("Use one with --model local:NAME, or a GGUF file with --model local:/path/to/model.gguf.");
            return ExitCodes.OK;
        }
    }

    /** {@code llmopt model serve}: the engine as an OpenAI-compatible server. */
    @Command(name = "serve", mixinStandardHelpOptions = false,
            description = {"Serves a local model as an OpenAI-compatible server (chat completions, models, embeddings)",
                "until Ctrl-C. Options: --model PATH|NAME (required), --port N (8080), --host H (127.0.0.1),",
                "--parallel K (slots, 2), --threads N (physical cores), --context N (tokens per slot, 4096), --name NAME."},
            footer = {"", "Example:", "  llmopt model serve --model qwen2.5-1.5b-instruct --port 8080 --parallel 4",
                "  then use it from any tool as openai-compatible:http://127.0.0.1:8080/v1#qwen2.5-1.5b-instruct"})
    static final class Serve implements Callable<Integer> {
        @CommandLine.Unmatched
        java.util.List<String> args = new ArrayList<>();

        @Override
        public Integer call() {
            // The server owns its options and its process: it runs until stopped and exits the JVM.
            io.llmopt.local.LocalModelServer.main(args.toArray(String[]::new));
            return ExitCodes.OK;
        }
    }
}

package io.llmopt.cli;

import io.llmopt.local.LocalModelCatalog;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code llmopt model}: the embedded local model (list the catalogue, serve a model). */
@Command(
        name = "model",
        mixinStandardHelpOptions = true,
        description = {"The embedded local model (llama.cpp): GGUF files or catalogue names, no server or key needed."},
        subcommands = {ModelCommand.List.class, ModelCommand.Serve.class, CommandLine.HelpCommand.class},
        footer = {"", "Examples:", "  llmopt model list", "  llmopt model serve --model qwen2.5-1.5b-instruct --port 8080"})
final class ModelCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code llmopt model list}: the catalogue. */
    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Lists the built-in catalogue of local models (downloaded on first use).",
        footer = {"", "Examples:", "  llmopt model list"})
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

    /**
     * {@code llmopt model serve}: the engine as an OpenAI-compatible server. picocli shows the help
     * and reads the options; the server's own parser ({@code LocalServerOptions}, which the
     * supervisor's child process uses as well) checks them, so there is one set of rules. Options
     * this command does not declare are passed on as they are.
     */
    @Command(name = "serve", mixinStandardHelpOptions = true,
            description = {"Serves a local model as an OpenAI-compatible server (chat completions, raw completions with no",
                "template, models, embeddings) until Ctrl-C."},
            footer = {"", "Examples:", "  llmopt model serve --model qwen2.5-1.5b-instruct --port 8080 --parallel 4",
                "  llmopt model serve --model ./models/my-model.gguf --name mine --port 0",
                "  then use it from any tool as openai-compatible:http://127.0.0.1:8080/v1#qwen2.5-1.5b-instruct"})
    static final class Serve implements Callable<Integer> {
        @Option(names = {"-m", "--model"}, paramLabel = "PATH|NAME", required = true,
                description = "A GGUF file, or a catalogue model downloaded on first use ('llmopt model list').")
        String model;

        @Option(names = "--name", paramLabel = "NAME",
                description = "The model name /v1/models reports (default: the catalogue or file name).")
        String name;

        @Option(names = "--host", paramLabel = "HOST", description = "Address to listen on (default 127.0.0.1).")
        String host;

        @Option(names = "--port", paramLabel = "N", description = "Port (default 8080; 0 picks a free one).")
        String port;

        @Option(names = "--parallel", paramLabel = "K",
                description = "Requests served at once, each in its own slot (default 2).")
        String parallel;

        @Option(names = "--threads", paramLabel = "N", description = "CPU threads (default: the physical cores).")
        String threads;

        @Option(names = "--context", paramLabel = "N",
                description = "Tokens of context per slot: prompt plus answer (default 4096).")
        String context;

        @Option(names = "--batch", paramLabel = "N", description = "Prompt tokens per native batch (default 512).")
        String batch;

        @Option(names = "--chat-template", paramLabel = "gguf|chatml|none|FILE",
                description = "The template /v1/chat/completions applies: the GGUF's own (default), ChatML, none (one"
                        + " message's text as it is) or a Jinja FILE. /v1/completions never applies one.")
        String chatTemplate;

        @Option(names = "--bos", paramLabel = "model|always|never",
                description = "Whether a BOS token starts each prompt: as the GGUF says (default), always or never.")
        String bos;

        @Option(names = "--exit-with-parent", description = "Exit when standard input closes (for supervised use).")
        boolean exitWithParent;

        @CommandLine.Unmatched
        java.util.List<String> rest = new ArrayList<>();

        /** The arguments for the server's own parser. */
        java.util.List<String> serverArgs() {
            java.util.List<String> args = new ArrayList<>(java.util.List.of("--model", model));
            add(args, "--name", name);
            add(args, "--host", host);
            add(args, "--port", port);
            add(args, "--parallel", parallel);
            add(args, "--threads", threads);
            add(args, "--context", context);
            add(args, "--batch", batch);
            add(args, "--chat-template", chatTemplate);
            add(args, "--bos", bos);
            if (exitWithParent) {
                args.add("--exit-with-parent");
            }
            args.addAll(rest);
            return args;
        }

        private static void add(java.util.List<String> args, String flag, String value) {
            if (value != null) {
                args.add(flag);
                args.add(value);
            }
        }

        @Override
        public Integer call() {
            // The server owns its process: it runs until stopped and exits the JVM.
            io.llmopt.local.LocalModelServer.main(serverArgs().toArray(String[]::new));
            return ExitCodes.OK;
        }
    }
}

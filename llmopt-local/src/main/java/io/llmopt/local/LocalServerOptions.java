package io.llmopt.local;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The options of {@code llmopt model serve}, parsed from command-line arguments.
 *
 * @param model          a GGUF path or a catalogue name
 * @param name           the name to serve the model under, or null for the catalogue name or file's own name
 * @param host           the address to listen on; loopback unless the user opens it up on purpose
 * @param port           the port, 0 for any free one
 * @param settings       threads, context and slots
 * @param exitWithParent exit when standard input reaches end-of-file (set by the supervisor, so that
 *                       a child never outlives the run that started it)
 * @param chatTemplate   how /v1/chat/completions renders messages (/v1/completions never applies one)
 * @param bos            whether prompts start with BOS
 */
public record LocalServerOptions(String model, String name, String host, int port, EngineSettings settings,
                                 boolean exitWithParent, ChatTemplate chatTemplate, BosPolicy bos) {

    public static final int DEFAULT_PORT = 8080;

    public LocalServerOptions {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(chatTemplate, "chatTemplate");
        Objects.requireNonNull(bos, "bos");
        if (model.isBlank()) {
            throw new IllegalArgumentException("--model is empty");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("--port must be between 0 and 65535, got " + port);
        }
    }

    public static final String USAGE = """
            usage: llmopt model serve --model PATH|NAME [options]
              --model, -m PATH|NAME  a GGUF file, or a catalogue model downloaded on first use
              --name NAME            the model name reported by /v1/models (default: the catalogue or file name)
              --host HOST            address to listen on (default 127.0.0.1)
              --port N               port (default 8080; 0 picks a free one)
              --parallel K           requests served concurrently, each in its own slot (default 2)
              --threads N            CPU threads (default: physical cores)
              --context N            tokens of context per slot: prompt plus answer (default 4096)
              --batch N              prompt tokens per native batch (default 512)
              --chat-template T      how /v1/chat/completions renders messages: gguf (the file's own template,
                                     ChatML when it has none; default), chatml, none (one message, sent as is),
                                     or a Jinja template FILE. /v1/completions never applies a template.
              --bos POLICY           BOS before every prompt: model (as the GGUF says; default), always, never
              --exit-with-parent     exit when standard input closes (for supervised use)
            """;

    /** Parses arguments; throws {@link IllegalArgumentException} with a message fit for the user. */
    public static LocalServerOptions parse(String... args) {
        String model = null;
        String name = null;
        String host = "127.0.0.1";
        int port = DEFAULT_PORT;
        EngineSettings d = EngineSettings.defaults();
        int threads = d.threads();
        int context = d.contextPerSlot();
        int parallel = d.parallel();
        int batch = d.batchSize();
        boolean exitWithParent = false;
        ChatTemplate chatTemplate = ChatTemplate.gguf();
        BosPolicy bos = BosPolicy.MODEL;
        List<String> rest = new ArrayList<>(List.of(args));
        while (!rest.isEmpty()) {
            String flag = rest.remove(0);
            String inline = null;
            int eq = flag.indexOf('=');
            if (flag.startsWith("--") && eq > 0) {
                inline = flag.substring(eq + 1);
                flag = flag.substring(0, eq);
            }
            switch (flag) {
                case "--model", "-m" -> model = value(flag, inline, rest);
                case "--name" -> name = value(flag, inline, rest);
                case "--host" -> host = value(flag, inline, rest);
                case "--port" -> port = integer(flag, value(flag, inline, rest));
                case "--parallel" -> parallel = integer(flag, value(flag, inline, rest));
                case "--threads" -> threads = integer(flag, value(flag, inline, rest));
                case "--context" -> context = integer(flag, value(flag, inline, rest));
                case "--batch" -> batch = integer(flag, value(flag, inline, rest));
                case "--exit-with-parent" -> exitWithParent = true;
                case "--chat-template" -> chatTemplate = ChatTemplate.parse(value(flag, inline, rest));
                case "--bos" -> bos = BosPolicy.parse(value(flag, inline, rest));
                default -> throw new IllegalArgumentException("unknown option " + flag + "\n" + USAGE);
            }
        }
        if (model == null) {
            throw new IllegalArgumentException("--model is required\n" + USAGE);
        }
        return new LocalServerOptions(model, name, host, port, new EngineSettings(threads, context, parallel, batch),
                exitWithParent, chatTemplate, bos);
    }

    private static String value(String flag, String inline, List<String> rest) {
        if (inline != null) {
            return inline;
        }
        if (rest.isEmpty() || rest.get(0).startsWith("--")) {
            throw new IllegalArgumentException(flag + " needs a value\n" + USAGE);
        }
        return rest.remove(0);
    }

    private static int integer(String flag, String value) {
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " must be a whole number, got '" + value + "'");
        }
    }
}

package io.llmopt.cli.bpo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmopt.core.runtime.ActiveRun;
import io.llmopt.cli.common.RunSession;
import io.llmopt.bpo.data.EvalPrompt;
import io.llmopt.bpo.data.ReadResult;
import io.llmopt.bpo.pipeline.PipelineCounts;
import io.llmopt.bpo.pipeline.PromptSources;
import io.llmopt.bpo.pipeline.RewritePipeline;
import io.llmopt.cli.common.ConfigOptions;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code llmopt bpo rewrite}: rewrites one prompt, a file of prompts or stdin. */
@Command(
        name = "rewrite",
        mixinStandardHelpOptions = true,
        description = {
            "Rewrites prompts so that a model gives more helpful and harmless responses, keeping every round.",
            "Input: a PROMPT argument, --file with one prompt per line, --file with --field for JSON/JSONL records, or '-' for stdin lines.",
            "Output: one JSON line per prompt, {id, prompt, optimized_prompt, [rounds]}, on stdout or -o FILE."
        },
        footer = {"", "Examples:",
            "  llmopt bpo rewrite \"Tell me about dogs\" --model openai:gpt-4o-mini",
            "  llmopt bpo rewrite --file prompts.txt --method model --rewriter vllm:http://gpu:8000/v1#THUDM/BPO --mode aggressive",
            "  llmopt bpo rewrite --file data.jsonl --field question --method in-context --pairs RUN_ID --rounds 2 -o out.jsonl",
            "  cat prompts.txt | llmopt bpo rewrite - --model ollama:llama3.2"})
final class RewriteCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOptions config;

    @Mixin
    RunOptions run;

    @Mixin
    RewriterOptions rewriter;

    @Parameters(index = "0", arity = "0..1", paramLabel = "PROMPT", description = "The prompt to rewrite, or '-' to read prompts from stdin.")
    String prompt;

    @Option(names = "--file", paramLabel = "FILE", description = "Prompts to rewrite: text lines, or JSON/JSONL with --field.")
    Path file;

    @Option(names = "--field", paramLabel = "NAME", description = "The JSON field holding the prompt (makes --file a JSON/JSONL file).")
    String field;

    @Option(names = "--id-field", paramLabel = "NAME", description = "The JSON field holding a record id (default: the record index).")
    String idField;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the JSON lines here instead of stdout.")
    Path output;

    @Override
    public Integer call() throws Exception {
        rewriter.check();
        List<EvalPrompt> prompts = prompts();
        ObjectNode effective = new ObjectMapper().createObjectNode().put("prompts", prompts.size());
        rewriter.describeIn(effective);
        PrintWriter err = spec.commandLine().getErr();
        try (RunSession session = RunSession.open(config, run.verbosity(), spec.commandLine().getErr())) {
            rewriter.checkPairs(session.workspace().store());
            ActiveRun active = session.begin(run.resume, "bpo-rewrite", run.name.orElse(null), effective);
            PipelineCounts counts = new RewritePipeline(rewriter.build(active), config.concurrencyOr(RunOptions.DEFAULT_CONCURRENCY)).run(prompts, active.context());
            if (session.skipsWriting(output != null ? output : "stdout", err)) {
                // the rewrites of a dry run are the simulator's
            } else if (output != null) {
                try (Writer w = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
                    RewritePipeline.writeJsonl(prompts, active.context(), w);
                }
            } else {
                RewritePipeline.writeJsonl(prompts, active.context(), spec.commandLine().getOut());
            }
            err.println(session.runName(active) + ": " + counts.summary());
            err.print(rewriter.languages.summary());
            ObjectNode summary = new ObjectMapper().createObjectNode();
            counts.outcomes().forEach(summary::put);
            return PipelineRunEnd.finish(session, active, counts, summary, err);
        }
    }

    private List<EvalPrompt> prompts() throws Exception {
        if (file != null && prompt != null) {
            throw new IllegalArgumentException("give either a PROMPT or --file, not both");
        }
        if (file != null) {
            if (!Files.isRegularFile(file)) {
                throw new NoSuchFileException(file.toString(), null, "no such file");
            }
            if (field != null) {
                ReadResult<EvalPrompt> read = PromptSources.jsonField(file, field, idField);
                if (read.report().skipped() > 0) {
                    spec.commandLine().getErr().println(read.report().summary());
                }
                return read.records();
            }
            return PromptSources.lines(Files.newBufferedReader(file, StandardCharsets.UTF_8));
        }
        if ("-".equals(prompt)) {
            return PromptSources.lines(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        }
        if (prompt == null || prompt.isBlank()) {
            throw new IllegalArgumentException("nothing to rewrite: give a PROMPT, --file FILE or '-' for stdin");
        }
        return PromptSources.single(prompt);
    }
}

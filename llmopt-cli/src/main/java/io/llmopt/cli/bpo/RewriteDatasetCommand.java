package io.llmopt.cli.bpo;

import io.llmopt.core.runtime.ActiveRun;
import io.llmopt.cli.common.RunSession;
import io.llmopt.cli.common.RoleOption;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmopt.bpo.data.AlpacaReader;
import io.llmopt.bpo.data.AlpacaRecord;
import io.llmopt.bpo.data.ReadResult;
import io.llmopt.bpo.pipeline.PipelineCounts;
import io.llmopt.bpo.pipeline.ResponderOptions;
import io.llmopt.bpo.pipeline.RewriteDatasetPipeline;
import io.llmopt.cli.common.ConfigOptions;
import io.llmopt.core.llm.ModelRoles;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code llmopt bpo rewrite-dataset}: BPO as SFT data augmentation. */
@Command(
        name = "rewrite-dataset",
        mixinStandardHelpOptions = true,
        description = {
            "Rewrites the instructions of an Alpaca-format data set ({instruction, [input], output}) and lets the",
            "responder answer each rewritten prompt, writing a new data set with every original field plus",
            "optimized_prompt and res (a JSON array)."
        },
        footer = {"", "Examples:",
            "  llmopt bpo rewrite-dataset alpaca.json -o alpaca_bpo.json --model openai:gpt-4o-mini",
            "  llmopt bpo rewrite-dataset alpaca.json -o out.json --method model --rewriter vllm:http://gpu:8000/v1#THUDM/BPO \\",
            "      --responder vllm:http://gpu:8001/v1#Llama-2-13b-chat-hf"})
final class RewriteDatasetCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOptions config;

    @Mixin
    RoleOption.Responder responderRole;

    @Mixin
    RunOptions run;

    @Mixin
    RewriterOptions rewriter;

    @Parameters(index = "0", paramLabel = "FILE", description = "The Alpaca-format data set (JSON array or JSONL).")
    Path input;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", required = true, description = "Where to write the new data set.")
    Path output;

    @Option(names = "--response-max-tokens", paramLabel = "N", description = "Cap on each regenerated response's length.")
    Integer responseMaxTokens;

    @Override
    public Integer call() throws Exception {
        rewriter.check();
        if (!Files.isRegularFile(input)) {
            throw new NoSuchFileException(input.toString(), null, "no such file");
        }
        ReadResult<AlpacaRecord> read = AlpacaReader.read(input);
        PrintWriter err = spec.commandLine().getErr();
        if (read.report().skipped() > 0) {
            err.println(read.report().summary());
        }
        ObjectNode effective = new ObjectMapper().createObjectNode().put("input", input.toString()).put("output", output.toString());
        rewriter.describeIn(effective);
        try (RunSession session = RunSession.open(config, run.verbosity(), spec.commandLine().getErr())) {
            rewriter.checkPairs(session.workspace().store());
            ActiveRun active = session.begin(run.resume, "bpo-rewrite-dataset", run.name.orElse(null), effective);
            RewriteDatasetPipeline pipeline = new RewriteDatasetPipeline(rewriter.build(active),
                    active.model(ModelRoles.RESPONDER), ResponderOptions.defaults().withSampling(null, null, responseMaxTokens), config.concurrencyOr(RunOptions.DEFAULT_CONCURRENCY));
            PipelineCounts counts = pipeline.run(read.records(), active.context());
            if (!session.skipsWriting(output, err)) {
                try (Writer w = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
                    int n = RewriteDatasetPipeline.writeJson(read.records(), active.context(), w);
                    spec.commandLine().getOut().println(n + " record(s) written to " + output);
                }
            }
            spec.commandLine().getOut().println(session.runName(active) + ": " + counts.summary());
            spec.commandLine().getOut().print(rewriter.languages.summary());
            ObjectNode summary = new ObjectMapper().createObjectNode();
            counts.outcomes().forEach(summary::put);
            return PipelineRunEnd.finish(session, active, counts, summary, err);
        }
    }
}

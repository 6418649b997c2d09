package io.llmopt.cli.bpo;

import io.llmopt.core.runtime.ActiveRun;
import io.llmopt.cli.common.RunSession;
import io.llmopt.cli.common.RoleOption;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmopt.bpo.data.PreferenceReader;
import io.llmopt.bpo.data.PreferenceRecord;
import io.llmopt.bpo.data.ReadResult;
import io.llmopt.bpo.export.FineTuneExporter;
import io.llmopt.bpo.export.FineTuneFormat;
import io.llmopt.bpo.pairs.PairBuilder;
import io.llmopt.bpo.pairs.PairBuilderOptions;
import io.llmopt.bpo.pipeline.BuildPairsPipeline;
import io.llmopt.bpo.pipeline.PairItems;
import io.llmopt.bpo.pipeline.PipelineCounts;
import io.llmopt.cli.ExitCodes;
import io.llmopt.cli.common.ConfigOptions;
import io.llmopt.core.llm.ModelRoles;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code llmopt bpo build-pairs}: preference data to optimized pairs, stored and exportable as fine-tuning data. */
@Command(
        name = "build-pairs",
        mixinStandardHelpOptions = true,
        description = {
            "Builds (prompt, optimized prompt) pairs from preference data: for each record an LLM (the rewriter role)",
            "compares the good and bad response and writes an improved instruction; doubtful pairs are filtered.",
            "Accepted records: {instruction, [context], good_res, bad_res} (BPO), {prompt, chosen, rejected} or",
            "HH-RLHF {chosen, rejected} transcripts, as a JSON array or JSON Lines."
        },
        footer = {"", "Examples:",
            "  llmopt bpo build-pairs prefs.jsonl --model openai:gpt-4o-mini",
            "  llmopt bpo build-pairs prefs.jsonl --rewriter vllm:http://gpu:8000/v1#Qwen2.5-72B-Instruct --export sft.jsonl",
            "  llmopt bpo build-pairs prefs.jsonl --resume 20250101-120000-ab12 --export pairs.json --format alpaca"})
final class BuildPairsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOptions config;

    @Mixin
    RoleOption.Rewriter rewriterRole;

    @Mixin
    RunOptions run;

    @Parameters(index = "0", paramLabel = "FILE", description = "Preference records (JSON array or JSONL).")
    Path input;

    @Option(names = "--export", paramLabel = "FILE", description = "Also write the kept pairs as fine-tuning data for a rewriter model.")
    Path export;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "openai",
            description = "Export format: openai (chat JSONL), alpaca (JSON), sharegpt (JSON) or reference (the BPO reference's"
                    + " {id, paragraph: [{q, a}]} JSON). Default: ${DEFAULT-VALUE}.")
    String format;

    @Option(names = "--instruction-only",
            description = "Export the user turn without the [INST] markers, for trainers that apply their own chat template.")
    boolean instructionOnly;

    @Option(names = "--filter-context", description = "Also filter records with context (the reference filters only records without).")
    boolean filterContext;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(input)) {
            throw new NoSuchFileException(input.toString(), null, "no such file");
        }
        FineTuneFormat exportFormat = format(format);
        ReadResult<PreferenceRecord> read = PreferenceReader.auto().read(input);
        PrintWriter err = spec.commandLine().getErr();
        if (read.records().isEmpty()) {
            // nothing to build pairs from: a failed command, not a run of 0 pairs that exits 0
            err.println("llmopt: no preference record of " + input + " could be read (" + read.report().skipped()
                    + " skipped" + read.report().problems().stream().findFirst().map(p -> "; first: " + p).orElse("")
                    + "); expected good_res/bad_res with instruction or prompt, or chosen/rejected fields");
            return ExitCodes.FAILED;
        }
        if (read.report().skipped() > 0) {
            err.println(read.report().summary());
            read.report().problems().stream().limit(10).forEach(p -> err.println("  " + p));
        }
        ObjectNode effective = new ObjectMapper().createObjectNode().put("input", input.toString()).put("records", read.records().size());
        try (RunSession session = RunSession.open(config, run.verbosity(), spec.commandLine().getErr())) {
            ActiveRun active = session.begin(run.resume, "bpo-pairs", run.name.orElse(null), effective);
            PairBuilderOptions options = PairBuilderOptions.defaults().withMaxConcurrency(config.concurrencyOr(RunOptions.DEFAULT_CONCURRENCY));
            if (filterContext) {
                options = options.withFilters(options.filters(), true);
            }
            PairBuilder builder = new PairBuilder(active.model(ModelRoles.REWRITER), options);
            PipelineCounts counts = new BuildPairsPipeline(builder, config.concurrencyOr(RunOptions.DEFAULT_CONCURRENCY)).run(read.records(), active.context());
            PrintWriter out = spec.commandLine().getOut();
            out.println(session.runName(active) + ": " + counts.summary());
            if (export != null && !session.skipsWriting(export, err)) {
                var pairs = PairItems.keptPairs(active.store(), active.id());
                FineTuneExporter exporter = new FineTuneExporter(instructionOnly ? FineTuneExporter.UserTurn.INSTRUCTION_ONLY
                        : FineTuneExporter.UserTurn.FULL_TEMPLATE);
                out.println(exporter.write(pairs, exportFormat, export) + " pair(s) written to " + export);
            }
            ObjectNode summary = new ObjectMapper().createObjectNode();
            counts.outcomes().forEach(summary::put);
            summary.put("resumed", counts.resumed());
            return PipelineRunEnd.finish(session, active, counts, summary, err);
        }
    }

    static FineTuneFormat format(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "openai" -> FineTuneFormat.OPENAI_CHAT_JSONL;
            case "alpaca" -> FineTuneFormat.ALPACA_JSON;
            case "sharegpt" -> FineTuneFormat.SHAREGPT_JSON;
            case "reference" -> FineTuneFormat.BPO_REFERENCE_JSON;
            default -> throw new IllegalArgumentException("--format must be openai, alpaca, sharegpt or reference, got '" + name + "'");
        };
    }
}

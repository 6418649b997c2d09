package io.llmopt.cli.bpo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmopt.core.runtime.ActiveRun;
import io.llmopt.cli.common.RunSession;
import io.llmopt.bpo.data.BpoTestExample;
import io.llmopt.bpo.data.EvalPrompt;
import io.llmopt.bpo.data.PromptFields;
import io.llmopt.bpo.data.ReadResult;
import io.llmopt.bpo.data.TestSetSource;
import io.llmopt.bpo.data.TestSets;
import io.llmopt.bpo.pipeline.EvalOptions;
import io.llmopt.bpo.pipeline.EvalPipeline;
import io.llmopt.bpo.pipeline.EvalProtocol;
import io.llmopt.bpo.pipeline.JudgeMethod;
import io.llmopt.bpo.pipeline.JudgementItems;
import io.llmopt.cli.ExitCodes;
import io.llmopt.cli.common.ConfigOptions;
import io.llmopt.cli.common.RoleOption;
import io.llmopt.core.llm.ModelRoles;
import io.llmopt.opro.data.DatasetSource;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code llmopt bpo eval}: win/tie/lose of rewritten over original prompts, judged pairwise. */
@Command(
        name = "eval",
        mixinStandardHelpOptions = true,
        description = {
            "Rewrites each test prompt, lets the responder answer the original and the rewritten prompt, and asks the judge",
            "which response is better, in both orders at temperature 0: a win or loss counts only when both orders agree,",
            "so a judge's position bias cannot fake a result. The reference's single random-order figure is shown beside it.",
            "Test sets: vicuna, dolly, self-instruct, bpo-test (from the shared BPO data folder or --data-dir), or a JSON/JSONL FILE."
        },
        footer = {"", "Examples:",
            "  llmopt bpo eval --test-set vicuna --model openai:gpt-4o-mini",
            "  llmopt bpo eval --test-set prompts.jsonl --field question --rewriter vllm:http://gpu:8000/v1#THUDM/BPO --method model \\",
            "      --responder ollama:llama3.2 --judge openai:gpt-4o --fail-under 0.45 --strict",
            "  llmopt bpo eval --resume RUN_ID --test-set vicuna --model openai:gpt-4o-mini --export judgements.jsonl",
            "  llmopt bpo eval --protocol paper --test-set vicuna --rewriter vllm:http://gpu:8000/v1#THUDM/BPO \\",
            "      --responder vllm:http://gpu:8001/v1#Llama-2-7b-chat-hf --judge openai:gpt-4",
            "",
            "--fail-under RATE exits with 1 when the win rate (with --strict: the lower end of its 95%% interval) is below RATE."})
final class EvalCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOptions config;

    @Mixin
    RoleOption.Responder responderRole;

    @Mixin
    RoleOption.Judge judgeRole;

    @Mixin
    RunOptions run;

    @Mixin
    RewriterOptions rewriter;

    @Option(names = "--test-set", paramLabel = "SET", required = true,
            description = "vicuna, dolly, self-instruct, bpo-test, or a JSON/JSONL file of prompts.")
    String testSet;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "${env:LLMOPT_BPO_DATA}",
            description = "Folder holding testset/*.json(l) for the named sets (default: $LLMOPT_BPO_DATA); a named set not"
                    + " there is downloaded once from the BPO repository into the cache and checked against its SHA-256.")
    Path dataDir;

    @Option(names = "--field", paramLabel = "NAME", defaultValue = "prompt",
            description = "For a FILE test set: the prompt field (default: ${DEFAULT-VALUE}).")
    String field;

    @Option(names = "--category-field", paramLabel = "NAME", description = "For a FILE test set: the category field.")
    String categoryField;

    @Option(names = "--protocol", paramLabel = "NAME", defaultValue = "default",
            description = "default (both orders judged, responses at temperature 0) or paper (the reference's set-up: the"
                    + " model rewriter, responses at temperature 0.7, top_p 1.0, up to 2048 tokens, one judge call per item"
                    + " in a seeded random order). Options given explicitly win.")
    String protocol;

    @Option(names = "--judge-method", paramLabel = "METHOD",
            description = "two-order (the default protocol's), random-order (the reference's single pair-v2 call) or"
                    + " ranking (the reference's ranking judge: one call, no ties).")
    String judgeMethod;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "0", description = "Seed of the random order (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = {"--responder-max-tokens", "--response-max-tokens"}, paramLabel = "N",
            description = "Cap on each response's length (paper protocol: 2048).")
    Integer responseMaxTokens;

    @Option(names = "--responder-temperature", paramLabel = "T", description = "The responder's temperature (default 0; paper protocol: 0.7).")
    Double responderTemperature;

    @Option(names = "--responder-top-p", paramLabel = "P", description = "The responder's top_p (paper protocol: 1.0).")
    Double responderTopP;

    @Option(names = "--export", paramLabel = "FILE", description = "Write every judgement (responses, judge outputs, verdicts) as JSONL.")
    Path export;

    @Option(names = "--fail-under", paramLabel = "RATE", description = "Exit with 1 when the win rate is below RATE (0 to 1), for CI gates.")
    Double failUnder;

    @Option(names = "--strict", description = "With --fail-under: compare the lower end of the win rate's 95%% interval.")
    boolean strict;

    @Override
    public Integer call() throws Exception {
        EvalProtocol chosen = switch (protocol.toLowerCase(Locale.ROOT)) {
            case "default" -> EvalProtocol.DEFAULT;
            case "paper" -> EvalProtocol.PAPER;
            default -> throw new IllegalArgumentException("--protocol must be default or paper, got '" + protocol + "'");
        };
        EvalOptions base = chosen.options(seed, config.concurrencyOr(RunOptions.DEFAULT_CONCURRENCY));
        JudgeMethod method = judgeMethod == null ? base.method() : switch (judgeMethod.toLowerCase(Locale.ROOT)) {
            case "two-order" -> JudgeMethod.TWO_ORDER;
            case "random-order" -> JudgeMethod.RANDOM_ORDER;
            case "ranking" -> JudgeMethod.RANKING;
            default -> throw new IllegalArgumentException("--judge-method must be two-order, random-order or ranking, got '"
                    + judgeMethod + "'");
        };
        EvalOptions options = base.withMethod(method)
                .withResponder(base.responder().withSampling(responderTemperature, responderTopP, responseMaxTokens));
        if (!spec.commandLine().getParseResult().hasMatchedOption("--method")) {
            rewriter.method = chosen.defaultRewriterMethod();
        }
        rewriter.check(); // the options against each other, before anything is created
        if (failUnder != null && !(failUnder >= 0 && failUnder <= 1)) {
            throw new IllegalArgumentException("--fail-under must be between 0 and 1, got " + failUnder);
        }
        ReadResult<EvalPrompt> read = prompts();
        PrintWriter err = spec.commandLine().getErr();
        if (read.report().skipped() > 0) {
            err.println(read.report().summary());
        }
        ObjectNode effective = new ObjectMapper().createObjectNode().put("test_set", testSet).put("protocol", protocol)
                .put("judge_method", method.name().toLowerCase(Locale.ROOT)).put("seed", seed);
        effective.putObject("responder").put("temperature", options.responder().temperature())
                .put("top_p", options.responder().topP()).put("max_tokens", options.responder().maxTokens());
        rewriter.describeIn(effective);
        try (RunSession session = RunSession.open(config, run.verbosity(), spec.commandLine().getErr())) {
            rewriter.checkPairs(session.workspace().store());
            ActiveRun active = session.begin(run.resume, "bpo-eval", run.name.orElse(null), effective);
            EvalPipeline pipeline = new EvalPipeline(rewriter.build(active, seed), active.model(ModelRoles.RESPONDER),
                    active.model(ModelRoles.JUDGE), options);
            EvalPipeline.Result result = pipeline.run(read.records(), active.context());
            PrintWriter out = spec.commandLine().getOut();
            if (chosen == EvalProtocol.PAPER) {
                out.print(result.report().paperHeadline());
            }
            out.print(result.report().render());
            out.println(session.runName(active) + ": " + result.counts().summary());
            out.print(rewriter.languages.summary());
            if (export != null && !session.skipsWriting(export, err)) {
                try (Writer w = Files.newBufferedWriter(export, StandardCharsets.UTF_8)) {
                    out.println(JudgementItems.export(active.store(), active.id(), w) + " judgement(s) written to " + export);
                }
            }
            int code = PipelineRunEnd.finish(session, active, result.counts(), result.report().toJson(), err);
            if (code != ExitCodes.OK || failUnder == null || session.dryRun()) {
                return code;
            }
            double rate = strict ? result.report().winRateLowerBound() : result.report().winRate();
            if (rate < failUnder) {
                err.printf(Locale.ROOT, "win rate%s %.4f is below --fail-under %.4f%n", strict ? " lower bound" : "", rate, failUnder);
                return ExitCodes.FAILED;
            }
            return ExitCodes.OK;
        }
    }

    private ReadResult<EvalPrompt> prompts() throws Exception {
        TestSetSource.TestSet named = TestSetSource.TestSet.named(testSet);
        if (named == null) {
            return TestSets.prompts(existing(Path.of(testSet)), new PromptFields(field, null, "id", categoryField));
        }
        Path file;
        try {
            file = TestSetSource.standard(dataDir, DatasetSource.defaultCacheFolder(), (name, bytes, total) -> { }).file(named);
        } catch (UncheckedIOException e) {
            throw new IllegalArgumentException(e.getMessage() + "; or give --data-dir with the BPO repository's data/ folder");
        }
        return switch (named) {
            case VICUNA -> TestSets.vicunaEval(file);
            case DOLLY -> TestSets.dollyEval(file);
            case SELF_INSTRUCT -> TestSets.selfInstructEval(file);
            case BPO_TEST -> {
                ReadResult<BpoTestExample> bpo = TestSets.bpoTest(file);
                List<EvalPrompt> prompts = bpo.records().stream().map(BpoTestExample::toEvalPrompt).toList();
                yield new ReadResult<>(prompts, bpo.report());
            }
        };
    }

    private static Path existing(Path file) throws NoSuchFileException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "no such file");
        }
        return file;
    }
}

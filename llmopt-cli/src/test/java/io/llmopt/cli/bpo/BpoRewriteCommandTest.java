package io.llmopt.cli.bpo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmopt.bpo.rewrite.ChatRewriterOptions;
import io.llmopt.cli.CliRunner;
import io.llmopt.cli.ExitCodes;
import io.llmopt.cli.SimCli;
import io.llmopt.core.store.RunStatus;
import io.llmopt.core.store.RunStore;
import io.llmopt.sim.Fault;
import io.llmopt.sim.FaultRule;
import io.llmopt.sim.SimRequest;
import io.llmopt.testkit.SimulatedLlmExtension;
import io.llmopt.sim.SimulatedLlmServer;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code llmopt bpo rewrite} end to end for each input: a PROMPT argument, a text file, a JSONL
 * field and stdin, with two rounds whose every round is written beside the original prompt.
 */
@ExtendWith(SimulatedLlmExtension.class)
class BpoRewriteCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private SimulatedLlmServer sim;
    private SimCli cli;

    /** The rewriter prefixes the prompt it is given, so round 2 shows it rewrote round 1's output. */
    @BeforeEach
    void script(SimulatedLlmServer server) {
        sim = server;
        cli = new SimCli(server, dir);
        server.reply((SimRequest r, int sample) -> {
            assertThat(r.systemMessage()).isEqualTo(ChatRewriterOptions.DEFAULT_SYSTEM_MESSAGE);
            String user = r.lastUserMessage();
            return "Improved: " + user.substring(user.indexOf(":\n") + 2);
        });
    }

    private static List<JsonNode> lines(String jsonl) throws Exception {
        List<JsonNode> out = new java.util.ArrayList<>();
        for (String line : jsonl.lines().filter(l -> !l.isBlank()).toList()) {
            out.add(JSON.readTree(line));
        }
        return out;
    }

    private static void assertTwoRounds(JsonNode line, String id, String prompt) {
        assertThat(line.get("id").asText()).isEqualTo(id);
        assertThat(line.get("prompt").asText()).isEqualTo(prompt);
        assertThat(line.get("optimized_prompt").asText()).isEqualTo("Improved: Improved: " + prompt);
        assertThat(line.get("rounds")).extracting(JsonNode::asText)
                .containsExactly("Improved: " + prompt, "Improved: Improved: " + prompt);
    }

    @Test
    void aSinglePromptIsRewrittenTwiceAndWrittenToStdoutWithBothRounds() throws Exception {
        CliRunner.Result r = cli.run("bpo", "rewrite", "Tell me about dogs", "--rounds", "2");

        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.OK);
        List<JsonNode> out = lines(r.out());
        assertThat(out).hasSize(1);
        assertTwoRounds(out.get(0), "0", "Tell me about dogs");
        assertThat(r.err()).contains("1 rewritten, 0 unchanged, 0 failed");
        // round 2 is asked about round 1's output, not the original again
        assertThat(sim.chatRequests()).extracting(SimRequest::lastUserMessage)
                .satisfiesExactly(first -> assertThat(first).endsWith(":\nTell me about dogs"),
                        second -> assertThat(second).endsWith(":\nImproved: Tell me about dogs"));
        try (RunStore store = RunStore.open(cli.store())) {
            String id = SimCli.runId(r.err());
            assertThat(store.run(id).orElseThrow().kind()).isEqualTo("bpo-rewrite");
            assertThat(store.run(id).orElseThrow().status()).isEqualTo(RunStatus.COMPLETED);
        }
    }

    @Test
    void aTextFileGivesOneLinePerPromptIdentifiedByLineNumberAndAFailedLineIsRetriedOnResume() throws Exception {
        Path prompts = Files.writeString(dir.resolve("prompts.txt"), "Tell me about dogs\n\nWrite a poem\nExplain recursion\n");
        Path output = dir.resolve("out.jsonl");
        sim.inject(FaultRule.when(r -> r.lastUserMessage().contains("Write a poem"), Fault.BAD_REQUEST));

        CliRunner.Result failed = cli.run("bpo", "rewrite", "--file", prompts.toString(), "--rounds", "2", "-o", output.toString());
        assertThat(failed.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(failed.out()).isEmpty();
        String runId = SimCli.runId(failed.err());
        assertThat(failed.err()).contains("1 record(s) failed; retry them with --resume " + runId);
        // the blank line 2 is skipped, yet the ids stay the line numbers
        assertThat(lines(Files.readString(output))).extracting(l -> l.get("id").asText()).containsExactly("1", "4");

        sim.clearFaults();
        int before = sim.chatRequests().size();
        CliRunner.Result resumed = cli.run("bpo", "rewrite", "--file", prompts.toString(), "--rounds", "2", "-o", output.toString(),
                "--resume", runId);
        assertThat(resumed.exitCode()).as(resumed.err()).isEqualTo(ExitCodes.OK);
        assertThat(resumed.err()).contains("1 rewritten, 0 unchanged, 0 failed, 2 resumed");
        List<JsonNode> out = lines(Files.readString(output));
        assertThat(out).hasSize(3);
        assertTwoRounds(out.get(0), "1", "Tell me about dogs");
        assertTwoRounds(out.get(1), "3", "Write a poem");
        assertTwoRounds(out.get(2), "4", "Explain recursion");
        // only the failed prompt's two rounds were asked again
        assertThat(sim.chatRequests().subList(before, sim.chatRequests().size())).hasSize(2)
                .allSatisfy(r -> assertThat(r.lastUserMessage()).contains("Write a poem"));
    }

    @Test
    void aJsonlFileIsReadFromTheGivenFieldWithItsOwnIds() throws Exception {
        Path data = Files.writeString(dir.resolve("questions.jsonl"), """
                {"qid": "q1", "question": "How do tides work?", "topic": "science"}
                {"qid": "q2", "question": "Write a haiku about rain", "topic": "writing"}
                """);
        Path output = dir.resolve("rewritten.jsonl");

        CliRunner.Result r = cli.run("bpo", "rewrite", "--file", data.toString(), "--field", "question", "--id-field", "qid",
                "--rounds", "2", "-o", output.toString());

        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.OK);
        List<JsonNode> out = lines(Files.readString(output));
        assertThat(out).hasSize(2);
        assertTwoRounds(out.get(0), "q1", "How do tides work?");
        assertTwoRounds(out.get(1), "q2", "Write a haiku about rain");
    }

    @Test
    void promptsAreReadFromStdinForADash() throws Exception {
        InputStream original = System.in;
        System.setIn(new ByteArrayInputStream("Name a colour\nSummarise Hamlet\n".getBytes(StandardCharsets.UTF_8)));
        CliRunner.Result r;
        try {
            r = cli.run("bpo", "rewrite", "-", "--rounds", "2");
        } finally {
            System.setIn(original);
        }

        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.OK);
        List<JsonNode> out = lines(r.out());
        assertThat(out).hasSize(2);
        assertTwoRounds(out.get(0), "1", "Name a colour");
        assertTwoRounds(out.get(1), "2", "Summarise Hamlet");
        assertThat(sim.chatRequests()).hasSize(4);
    }
}

package io.llmopt.cli.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmopt.cli.CliRunner;
import io.llmopt.cli.ExitCodes;
import io.llmopt.core.store.RunStore;
import io.llmopt.testkit.SimModels;
import io.llmopt.testkit.SimulatedLlmExtension;
import io.llmopt.sim.SimulatedLlmServer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded mutation fuzzing of the files a user hands llmopt (data sets as JSONL, CSV and JSON, the
 * configuration file): each mutated file either works or is refused with exit code 2 and one line
 * naming the file, and a refused input never leaves a run behind. Never a stack trace.
 */
@ExtendWith(SimulatedLlmExtension.class)
class BadInputFuzzTest {

    private static final int ROUNDS = Integer.getInteger("llmopt.fuzz.rounds", 60);

    @TempDir
    Path dir;

    private static final String JSONL = """
            {"question": "What is 1 plus 1?", "answer": "2"}
            {"question": "What is 2 plus 2?", "answer": "4"}
            {"question": "What is 3 plus 3?", "answer": "6"}
            {"question": "What is 4 plus 4?", "answer": "8"}
            """;
    private static final String CSV = "question,answer\nWhat is 1 plus 1?,2\nWhat is 2 plus 2?,4\n\"What is 3, plus 3?\",6\n";
    private static final String JSON = "[{\"question\": \"What is 1 plus 1?\", \"answer\": \"2\"}, {\"question\": \"What is 2 plus 2?\", \"answer\": \"4\"}]";
    private static final String CONFIG = """
            models:
              gpt:
                spec: openai-compatible:http://127.0.0.1:1/v1#m
                max_concurrency: 4
                timeout_seconds: 30
            roles:
              scorer: gpt
            cache:
              mode: off
            """;

    private static final List<BiFunction<byte[], Random, byte[]>> MUTATIONS = List.of(
            (b, r) -> new byte[0],                                                   // empty file
            (b, r) -> concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, b), // UTF-8 BOM
            (b, r) -> java.util.Arrays.copyOf(b, r.nextInt(Math.max(1, b.length))),   // truncated
            (b, r) -> insert(b, r, new byte[] {(byte) 0xC3, (byte) 0x28}),            // invalid UTF-8
            (b, r) -> new String(b, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_16), // wrong encoding
            (b, r) -> insert(b, r, new byte[] {0, 7, 27, '[', '3', '1', 'm'}),        // control characters
            (b, r) -> insert(b, r, "\n" + "x".repeat(2_000_000) + "\n"),              // a huge line
            (b, r) -> replaceOnce(b, "\"answer\"", "\"answr\""),                     // a missing field
            (b, r) -> replaceOnce(b, "\"2\"", "[2, 3]"),                              // a wrong type
            (b, r) -> replaceOnce(b, "\"2\"", "null"),
            (b, r) -> replaceOnce(b, "answer", "question"),                          // duplicate key / column
            (b, r) -> replaceOnce(b, "4", "four"),
            (b, r) -> replaceOnce(b, ":", ""),                                       // a broken line
            (b, r) -> replaceOnce(b, "\"", ""),
            (b, r) -> replaceOnce(b, "mode: off", "mode: sometimes"),               // a bad enum
            (b, r) -> replaceOnce(b, "max_concurrency: 4", "max_concurrency: four"),
            (b, r) -> replaceOnce(b, "timeout_seconds: 30", "timeout_seconds: -3"),
            (b, r) -> replaceOnce(b, "spec: ", "spek: "),                            // an unknown key
            (b, r) -> replaceOnce(b, "  gpt:", "  - gpt:"),                          // a list for a mapping
            (b, r) -> replaceOnce(b, "scorer: gpt", "scorer: nope"),                // a dangling reference
            (b, r) -> insert(b, r, "\t"),                                            // a tab in YAML
            (b, r) -> insert(b, r, new byte[] {(byte) r.nextInt(256)}));             // any byte

    record Figures(int tried, int refused, int accepted) {
    }

    @Test
    void everyMalformedFileIsAOneLineUsageErrorNamingItAndLeavesNoRun(SimulatedLlmServer sim) throws Exception {
        sim.reply("The answer is 2.");
        Random random = new Random(2024);
        int tried = 0;
        int refused = 0;
        for (int round = 0; round < ROUNDS; round++) {
            int kind = round % 4;
            String base = switch (kind) {
                case 0 -> JSONL;
                case 1 -> CSV;
                case 2 -> JSON;
                default -> CONFIG;
            };
            String ext = switch (kind) {
                case 0 -> "jsonl";
                case 1 -> "csv";
                case 2 -> "json";
                default -> "yaml";
            };
            byte[] bytes = base.getBytes(StandardCharsets.UTF_8);
            int mutations = 1 + random.nextInt(2);
            for (int m = 0; m < mutations; m++) {
                bytes = MUTATIONS.get(random.nextInt(MUTATIONS.size())).apply(bytes, random);
            }
            Path folder = Files.createDirectories(dir.resolve("r" + round));
            Path file = Files.write(folder.resolve("input-" + round + "." + ext), bytes);
            List<String> args = new ArrayList<>();
            if (kind == 3) {
                Path data = Files.writeString(folder.resolve("data.jsonl"), JSONL);
                args.addAll(List.of("opro", "evaluate", "--dataset", data.toString(), "--instruction", "Add.", "--config", file.toString(),
                        "--scorer", SimModels.spec(sim)));
            } else {
                args.addAll(List.of("opro", "evaluate", "--dataset", file.toString(), "--instruction", "Add.",
                        "--model", SimModels.spec(sim)));
            }
            args.addAll(Worlds.storage(folder, "off"));
            CliRunner.Result result = CliRunner.run(args);
            int code = result.exitCode();
            String err = result.err();
            tried++;
            String what = "round " + round + " (" + ext + "): exit " + code + ", stderr: " + err;
            assertThat(code).as(what).isIn(ExitCodes.OK, ExitCodes.USAGE);
            assertThat(err + result.out()).as(what).doesNotContain("Exception").doesNotContain("\tat ");
            if (code == ExitCodes.USAGE) {
                refused++;
                assertThat(err.strip().lines()).as(what).hasSize(1);
                assertThat(err).as(what).contains(file.getFileName().toString());
                if (Files.exists(folder.resolve("runs.db"))) {
                    try (RunStore store = RunStore.open(folder.resolve("runs.db"))) {
                        assertThat(store.runs()).as(what + ": no half-written run").isEmpty();
                    }
                }
            }
        }
        System.out.printf("bad input: %d mutated files tried (JSONL, CSV, JSON data sets, YAML configs), %d refused with one line"
                + " and exit 2, %d still valid and run%n", tried, refused, tried - refused);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static byte[] insert(byte[] b, Random r, String s) {
        return insert(b, r, s.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] insert(byte[] b, Random r, byte[] s) {
        int at = b.length == 0 ? 0 : r.nextInt(b.length);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(b, 0, at);
        out.writeBytes(s);
        out.write(b, at, b.length - at);
        return out.toByteArray();
    }

    private static byte[] replaceOnce(byte[] b, String from, String to) {
        String s = new String(b, StandardCharsets.ISO_8859_1);
        return s.replaceFirst(java.util.regex.Pattern.quote(from), java.util.regex.Matcher.quoteReplacement(to)).getBytes(StandardCharsets.ISO_8859_1);
    }
}

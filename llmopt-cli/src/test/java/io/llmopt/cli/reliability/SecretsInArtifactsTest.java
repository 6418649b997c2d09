package io.llmopt.cli.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmopt.cli.ExitCodes;
import io.llmopt.cli.Main;
import io.llmopt.testkit.SimModels;
import io.llmopt.testkit.SimulatedLlmExtension;
import io.llmopt.sim.SimulatedLlmServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real commands run in their own JVM with a recognizable fake key, against a simulated server that
 * refuses any other key; then every artifact of the runs (store file and its WAL, run folders,
 * exports, reports, captured stdout and stderr) is searched for the key, byte for byte.
 */
@ExtendWith(SimulatedLlmExtension.class)
class SecretsInArtifactsTest {

    private static final String KEY = "sk-llmopt-FAKE-7c1d9e0b4a2f";

    @TempDir
    Path dir;

    private record Output(int code, String out, String err) {
    }

    @Test
    void theKeyReachesTheServerAndNoArtifact(SimulatedLlmServer sim) throws Exception {
        Worlds.script(sim);
        sim.requireApiKey(KEY);
        Path keyFile = Files.writeString(dir.resolve("key.txt"), KEY + "\n");
        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-------"));
        List<Output> outputs = new ArrayList<>();

        // the key from the environment, then from a key file
        Output opro = llmopt(sim, withKey("api_key_env=LLMOPT_FAKE_KEY", Worlds.oproPrompt(Worlds.sums(dir))));
        Output bpo = llmopt(sim, withKey("api_key_file=" + keyFile, Worlds.bpoEval(Worlds.prompts(dir))));
        assertThat(opro.code()).as(opro.err()).isZero();
        assertThat(bpo.code()).as(bpo.err()).isZero();
        outputs.add(opro);
        outputs.add(bpo);
        for (String id : runIds()) {
            outputs.add(llmopt(sim, List.of("runs", "export", id, "--store", dir.resolve("runs.db").toString(), "-o", dir.resolve("export-" + id).toString())));
            outputs.add(llmopt(sim, List.of("runs", "export", id, "--format", "csv", "--store", dir.resolve("runs.db").toString(),
                    "-o", dir.resolve("csv-" + id).toString())));
            outputs.add(llmopt(sim, List.of("runs", "show", id, "--store", dir.resolve("runs.db").toString())));
        }
        // failures print the endpoint and model: never the key
        Output wrongModel = llmopt(sim, withKey("api_key_env=LLMOPT_FAKE_KEY", List.of("opro", "evaluate", "--dataset",
                dir.resolve("sums.jsonl").toString(), "--instruction", "x", "--set", "models.scorer.spec=openai-compatible:"
                        + sim.baseUrl().replace("/v1", "/nowhere") + "#sim-model")));
        assertThat(wrongModel.code()).isNotZero();
        outputs.add(wrongModel);
        // and a key on the command line is refused, without being repeated
        Output onFlag = llmopt(sim, List.of("opro", "evaluate", "--dataset", dir.resolve("sums.jsonl").toString(),
                "--instruction", "x", "--model", SimModels.spec(sim),
                "--set", "models.model.api_key=" + KEY));
        assertThat(onFlag.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(onFlag.err()).contains("API keys are not accepted on the command line");
        outputs.add(onFlag);

        assertThat(sim.requests()).isNotEmpty();
        long files = 0;
        long bytes = 0;
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path f : all.filter(Files::isRegularFile).filter(f -> !f.equals(keyFile)).toList()) {
                byte[] content = Files.readAllBytes(f);
                files++;
                bytes += content.length;
                assertThat(new String(content, StandardCharsets.ISO_8859_1)).as(f.toString()).doesNotContain(KEY);
            }
        }
        for (Output o : outputs) {
            assertThat(o.out() + o.err()).doesNotContain(KEY).doesNotContain("Exception");
        }
        System.out.printf("secrets: key found in none of %d files (%,d bytes: store, WAL, run folders, reports, exports)"
                + " nor in %d captured stdout/stderr pairs%n", files, bytes, outputs.size());
    }

    private List<String> withKey(String keySetting, List<String> command) {
        List<String> args = new ArrayList<>(command);
        args.addAll(Worlds.storage(dir, "read-write"));
        for (String role : List.of("optimizer", "scorer", "judge", "rewriter", "responder")) {
            args.addAll(List.of("--set", "models." + role + "." + keySetting));
        }
        return args;
    }

    private List<String> runIds() throws IOException {
        try (var store = io.llmopt.core.store.RunStore.open(dir.resolve("runs.db"))) {
            return store.runs().stream().map(r -> r.id()).toList();
        }
    }

    private Output llmopt(SimulatedLlmServer sim, List<String> args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-Duser.home=" + dir, "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        List<String> full = new ArrayList<>(args);
        if (args.get(0).equals("opro") || args.get(0).equals("bpo")) {
            if (!args.contains("--model")) {
                full.addAll(List.of("--model", SimModels.spec(sim)));
            }
        }
        cmd.addAll(full);
        int n = dir.toFile().list().length;
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(dir.resolve("out-" + n + ".txt").toFile())
                .redirectError(dir.resolve("err-" + n + ".txt").toFile());
        pb.environment().put("LLMOPT_FAKE_KEY", KEY);
        Process p = pb.start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Output(p.exitValue(), Files.readString(dir.resolve("out-" + n + ".txt")), Files.readString(dir.resolve("err-" + n + ".txt")));
    }
}

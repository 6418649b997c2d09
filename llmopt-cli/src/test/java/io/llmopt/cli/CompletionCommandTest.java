package io.llmopt.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The completion script completes the command as the README types it, {@code ./llmopt}, too. */
class CompletionCommandTest {

    @TempDir
    Path dir;

    @Test
    void theScriptRegistersBothLlmoptAndDotSlashLlmopt() throws Exception {
        CliRunner.Result r = CliRunner.run("generate-completion");
        assertThat(r.exitCode()).as(r.err()).isZero();
        // before: "complete -F _complete_llmopt -o default llmopt llmopt.sh llmopt.bash"
        assertThat(r.out()).containsPattern("(?m)^complete -F _complete_llmopt .* llmopt( .*)? \\./llmopt$");
        assertThat(r.out()).contains("opro").contains("bpo").contains("--dry-run");

        assumeTrue(new File("/bin/bash").canExecute(), "bash is needed to source the script");
        Path script = Files.writeString(dir.resolve("llmopt.bash"), r.out(), StandardCharsets.UTF_8);
        Process bash = new ProcessBuilder("/bin/bash", "-c", "source " + script + " && complete -p ./llmopt && complete -p llmopt")
                .redirectErrorStream(true).start();
        String out = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(bash.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(bash.exitValue()).as(out).isZero();
        assertThat(out).contains("_complete_llmopt ./llmopt").contains("_complete_llmopt llmopt");
    }
}

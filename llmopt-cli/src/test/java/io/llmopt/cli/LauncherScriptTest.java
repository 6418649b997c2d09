package io.llmopt.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code llmopt} launcher's first build, with a stand-in Maven that takes a few seconds per
 * module: on a terminal the user sees which module is built and the seconds going by (before: one
 * "building..." line and nothing for 30-40 s); in a log, a line at the start and one at the end.
 */
class LauncherScriptTest {

    @TempDir
    Path dir;

    private Path checkout() throws Exception {
        Path root = dir.resolve("llmopt");
        Files.createDirectories(root.resolve("scripts"));
        Files.copy(Path.of("..", "llmopt"), root.resolve("llmopt"));
        Files.copy(Path.of("..", "scripts", "java-env.sh"), root.resolve("scripts/java-env.sh"));
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path mvn = Files.writeString(bin.resolve("mvn"), """
                #!/usr/bin/env bash
                echo "[INFO] Building llmopt-core 0.1.0-SNAPSHOT                          [1/2]"
                sleep 2
                echo "[INFO] Building llmopt-cli 0.1.0-SNAPSHOT                           [2/2]"
                sleep 2
                """, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(mvn, PosixFilePermissions.fromString("rwxr-xr-x"));
        return root;
    }

    private String run(String... command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("PATH", dir.resolve("bin") + File.pathSeparator + System.getenv("PATH"));
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return out;
    }

    @Test
    void onATerminalTheBuildShowsTheModuleAndTheSecondsGoingBy() throws Exception {
        assumeTrue(new File("/usr/bin/script").canExecute(), "script(1) gives the launcher a terminal");
        Path root = checkout();
        Path typescript = dir.resolve("typescript");
        run("/usr/bin/script", "-qfec", root.resolve("llmopt") + " --version", typescript.toString());
        String shown = Files.readString(typescript, StandardCharsets.UTF_8);
        assertThat(shown).contains("llmopt: building llmopt-core (module 1/2)")
                .contains("llmopt: building llmopt-cli (module 2/2)")
                .containsPattern("llmopt-cli \\(module 2/2\\) [|/\\\\-] [1-9]\\d*s")
                .containsPattern("llmopt: built in [1-9]\\d*s");
    }

    @Test
    void inALogTheBuildSaysWhenItStartsAndWhenItEnds() throws Exception {
        Path root = checkout();
        String out = run(root.resolve("llmopt").toString(), "--version");
        assertThat(out).contains("llmopt: building (first run or sources changed)...")
                .containsPattern("llmopt: built in [1-9]\\d*s").doesNotContain("\r");
    }
}

package io.llmopt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code model serve} reads its options with picocli and hands them to the server's own parser unchanged. */
class ModelServeOptionsTest {

    @Test
    void declaredOptionsAndOthersReachTheServer() {
        ModelCommand.Serve serve = new ModelCommand.Serve();
        new CommandLine(serve).parseArgs("-m", "qwen2.5-1.5b-instruct", "--port", "0", "--parallel", "4",
                "--exit-with-parent", "--some-new-option", "value");
        assertThat(serve.serverArgs()).containsExactly("--model", "qwen2.5-1.5b-instruct", "--port", "0",
                "--parallel", "4", "--exit-with-parent", "--some-new-option", "value");
        // and the server's parser accepts what it knows
        ModelCommand.Serve sized = new ModelCommand.Serve();
        new CommandLine(sized).parseArgs("--model", "m.gguf", "--context", "2048");
        assertThat(io.llmopt.local.LocalServerOptions.parse(sized.serverArgs().toArray(String[]::new))
                .settings().contextPerSlot()).isEqualTo(2048);
    }

    @Test
    void withoutAModelItIsAUsageError() {
        CliRunner.Result r = CliRunner.run("model", "serve", "--port", "0");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--model");
    }
}

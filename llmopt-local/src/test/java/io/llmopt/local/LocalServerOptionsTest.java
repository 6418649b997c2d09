package io.llmopt.local;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalServerOptionsTest {

    @Test
    void parses_every_option_in_both_spellings() {
        LocalServerOptions o = LocalServerOptions.parse("-m", "qwen2.5-0.5b-instruct", "--port=0", "--parallel", "4",
                "--threads", "3", "--context", "8192", "--batch", "256", "--host", "0.0.0.0", "--name", "q", "--exit-with-parent");

        assertThat(o.model()).isEqualTo("qwen2.5-0.5b-instruct");
        assertThat(o.port()).isZero();
        assertThat(o.host()).isEqualTo("0.0.0.0");
        assertThat(o.name()).isEqualTo("q");
        assertThat(o.exitWithParent()).isTrue();
        assertThat(o.settings()).isEqualTo(new EngineSettings(3, 8192, 4, 256));
    }

    @Test
    void defaults_suit_a_laptop_on_loopback() {
        LocalServerOptions o = LocalServerOptions.parse("--model", "m.gguf");

        assertThat(o.host()).isEqualTo("127.0.0.1");
        assertThat(o.port()).isEqualTo(LocalServerOptions.DEFAULT_PORT);
        assertThat(o.settings().contextPerSlot()).isEqualTo(EngineSettings.DEFAULT_CONTEXT_PER_SLOT);
        assertThat(o.settings().parallel()).isEqualTo(EngineSettings.DEFAULT_PARALLEL);
        assertThat(o.settings().threads()).isBetween(1, Runtime.getRuntime().availableProcessors());
        assertThat(o.exitWithParent()).isFalse();
    }

    @Test
    void refuses_what_would_reach_native_code_invalid() {
        assertThatThrownBy(LocalServerOptions::parse).hasMessageContaining("--model is required");
        assertThatThrownBy(() -> LocalServerOptions.parse("-m", "x", "--threads", "0")).hasMessageContaining("threads");
        assertThatThrownBy(() -> LocalServerOptions.parse("-m", "x", "--parallel", "100")).hasMessageContaining("parallel");
        assertThatThrownBy(() -> LocalServerOptions.parse("-m", "x", "--context", "64")).hasMessageContaining("context");
        assertThatThrownBy(() -> LocalServerOptions.parse("-m", "x", "--port", "70000")).hasMessageContaining("port");
        assertThatThrownBy(() -> LocalServerOptions.parse("-m", "x", "--port", "abc")).hasMessageContaining("whole number");
        assertThatThrownBy(() -> LocalServerOptions.parse("-m", "x", "--frobnicate")).hasMessageContaining("unknown option");
        assertThatThrownBy(() -> LocalServerOptions.parse("-m")).hasMessageContaining("needs a value");
    }

    @Test
    void counts_physical_cores_from_cpuinfo() {
        var cpuinfo = java.util.List.of("processor : 0", "physical id : 0", "core id : 0",
                "processor : 1", "physical id : 0", "core id : 0",
                "processor : 2", "physical id : 0", "core id : 1");

        assertThat(NativeRuntime.distinctCores(cpuinfo)).isEqualTo(2);
        assertThat(NativeRuntime.distinctCores(java.util.List.of())).isZero();
    }
}

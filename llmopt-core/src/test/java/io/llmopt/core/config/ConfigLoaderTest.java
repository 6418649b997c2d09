package io.llmopt.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.llmopt.core.cache.CacheMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    private static final String YAML = """
            models:
              gpt:
                spec: "openai:gpt-4o-mini"
                api_key_env: OPENAI_API_KEY
                max_concurrency: 8
                requests_per_minute: 500
                tokens_per_minute: 200000
                price: {prompt_per_million: 0.15, completion_per_million: 0.6}
                timeout_seconds: 120
              qwen:
                spec: "vllm:http://gpu1:8000/v1#Qwen2.5-7B-Instruct"
                endpoints: ["http://gpu2:8000/v1"]
            roles:
              optimizer: gpt
              scorer: qwen
            cache:
              mode: read-only
            budget:
              max_cost: 5
            opro:
              steps: 200
              instruction_position: Q_begin
            """;

    /** What a module's own section looks like; it binds with the same strictness. */
    record OproSection(Integer steps, String instructionPosition) {
    }

    @TempDir
    Path dir;

    private Path write(String name, String text) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    @Test
    void readsAYamlFileOverTheDefaults() throws Exception {
        LoadedConfig config = new ConfigLoader().file(write("llmopt.yaml", YAML)).load();
        LlmoptConfig s = config.settings();
        ModelConfig gpt = s.models().get("gpt");
        assertThat(gpt.maxConcurrency()).isEqualTo(8);
        assertThat(gpt.price().cost(1_000_000, 1_000_000)).isCloseTo(0.75, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(s.models().get("qwen").endpoints()).containsExactly("http://gpu2:8000/v1");
        assertThat(s.roles().asMap()).containsExactly(Map.entry("optimizer", "gpt"), Map.entry("scorer", "qwen"));
        assertThat(s.cache().mode()).isEqualTo(CacheMode.READ_ONLY);
        assertThat(s.cache().path()).as("no path: the cache folder's default").isNull();
        assertThat(s.cache().resolvedPath()).isEqualTo(UserFolders.system().cacheDir().resolve("responses.db"));
        assertThat(s.budget().maxCost()).isEqualTo(5.0);
        assertThat(s.resolvedStorePath()).isEqualTo(Path.of("llmopt-runs", "runs.db"));
        assertThat(config.specForRole("scorer").baseUrl()).isEqualTo("http://gpu1:8000/v1");
        assertThat(config.section("opro", OproSection.class)).isEqualTo(new OproSection(200, "Q_begin"));
        assertThat(config.section("bpo", OproSection.class)).isEqualTo(new OproSection(null, null));
        assertThat(config.warnings()).isEmpty();
    }

    @Test
    void readsTheSameSettingsFromJson() throws Exception {
        Path json = write("llmopt.json", """
                {"models": {"gpt": {"spec": "openai:gpt-4o-mini", "max_concurrency": 8}}, "roles": {"scorer": "gpt"},
                 "store": {"path": "/data/runs.db"}}
                """);
        LlmoptConfig s = new ConfigLoader().file(json).load().settings();
        assertThat(s.models().get("gpt").maxConcurrency()).isEqualTo(8);
        assertThat(s.resolvedStorePath()).isEqualTo(Path.of("/data/runs.db"));
    }

    @Test
    void precedenceIsFlagsThenEnvironmentThenFileThenDefaults() throws Exception {
        Map<String, String> env = Map.of(
                "LLMOPT_ROLES_SCORER", "gpt",
                "LLMOPT_CACHE_MODE", "off",
                "LLMOPT_BUDGET_MAX_TOKENS", "100000",
                "LLMOPT_MODELS_GPT_MAX_CONCURRENCY", "2",
                "LLMOPT_OPRO_STEPS", "5",
                "LLMOPT_CONFIG", "/elsewhere.yaml",
                "PATH", "/usr/bin");
        ConfigTree flags = FlagLayer.fromAssignments(List.of("models.gpt.max_concurrency=4", "runs_dir=/tmp/r"), "--set");
        LoadedConfig config = new ConfigLoader().file(write("llmopt.yaml", YAML)).environment(env).flags(flags).load();
        LlmoptConfig s = config.settings();
        assertThat(s.roles().scorer()).as("environment over file").isEqualTo("gpt");
        assertThat(s.roles().optimizer()).as("file kept").isEqualTo("gpt");
        assertThat(s.cache().mode()).isEqualTo(CacheMode.OFF);
        assertThat(s.budget().maxTokens()).isEqualTo(100_000L);
        assertThat(s.budget().maxCost()).as("file kept beside an environment value").isEqualTo(5.0);
        assertThat(s.models().get("gpt").maxConcurrency()).as("flag over environment").isEqualTo(4);
        assertThat(s.models().get("gpt").requestsPerMinute()).isEqualTo(500);
        assertThat(s.runsDir()).isEqualTo("/tmp/r");
        assertThat(config.section("opro", OproSection.class).steps()).isEqualTo(5);
    }

    @Test
    void worksWithoutAFile() {
        LlmoptConfig s = new ConfigLoader().environment(Map.of("LLMOPT_CACHE_MODE", "off")).load().settings();
        assertThat(s.models()).isEmpty();
        assertThat(s.cache().mode()).isEqualTo(CacheMode.OFF);
        assertThat(s.runsDir()).isEqualTo("llmopt-runs");
    }

    @Test
    void unknownKeyNamesFileLinePathAndTheKnownKeys() throws Exception {
        Path file = write("llmopt.yaml", YAML.replace("    timeout_seconds: 120", "    timeout_secs: 120"));
        assertThatThrownBy(() -> new ConfigLoader().file(file).load())
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(file + " line 9: models.gpt.timeout_secs: unknown key 'timeout_secs'; expected one of: ")
                .hasMessageContaining("max_concurrency")
                .hasMessageContaining("timeout_seconds");
    }

    @Test
    void unknownTopLevelKeyListsTheSectionsToo() throws Exception {
        Path file = write("llmopt.yaml", "modles: {}\n");
        assertThatThrownBy(() -> new ConfigLoader().file(file).load())
                .hasMessageStartingWith(file + " line 1: modles: unknown key 'modles'; expected one of: ")
                .hasMessageEndingWith(", opro, bpo");
    }

    @Test
    void wrongTypeNamesWhatWasExpected() throws Exception {
        Path file = write("llmopt.yaml", YAML.replace("max_concurrency: 8", "max_concurrency: eight"));
        assertThatThrownBy(() -> new ConfigLoader().file(file).load())
                .isInstanceOf(ConfigException.class)
                .hasMessage(file + " line 5: models.gpt.max_concurrency: got \"eight\", expected a whole number");
    }

    @Test
    void textIsNotCoercedIntoNumbers() throws Exception {
        Path file = write("llmopt.yaml", YAML.replace("max_concurrency: 8", "max_concurrency: \"8\""));
        assertThatThrownBy(() -> new ConfigLoader().file(file).load())
                .hasMessageStartingWith(file + " line 5: models.gpt.max_concurrency: ")
                .hasMessageContaining("expected a whole number");
    }

    @Test
    void badEnumValueFromTheEnvironmentNamesTheVariable() {
        assertThatThrownBy(() -> new ConfigLoader().environment(Map.of("LLMOPT_CACHE_MODE", "sometimes")).load())
                .hasMessage("environment LLMOPT_CACHE_MODE: cache.mode: got \"sometimes\", expected one of read-write, read-only, off");
    }

    @Test
    void badFlagValueNamesTheFlag() {
        ConfigTree flags = FlagLayer.fromAssignments(List.of("budget.max_cost=lots"), "--set");
        assertThatThrownBy(() -> new ConfigLoader().flags(flags).load())
                .hasMessage("flag --set budget.max_cost: got \"lots\", expected a number");
        assertThatThrownBy(() -> FlagLayer.fromAssignments(List.of("roles.scorer"), "--set"))
                .hasMessage("flag --set \"roles.scorer\": expected KEY.PATH=VALUE, e.g. roles.scorer=gpt");
    }

    @Test
    void aSettingOfAModelThatIsNotDefinedNamesTheFlagItCameFromAndTheModelsThatAre() {
        ConfigTree flags = FlagLayer.fromAssignments(List.of("models.scorer.spec=openai:gpt-4o-mini", "roles.scorer=scorer",
                "models.gpt.max_concurrency=16"), "--set");
        assertThatThrownBy(() -> new ConfigLoader().flags(flags).load())
                .hasMessageStartingWith("flag --set models.gpt.max_concurrency: models.gpt.spec: missing;")
                .hasMessageContaining("the models defined are models.scorer");
    }

    @Test
    void aBudgetOrPriceThatIsNotAFiniteNumberIsRefusedBeforeAnyRunStarts() {
        for (String bad : List.of("budget.max_cost=NaN", "budget.max_cost=Infinity", "budget.max_cost=0")) {
            ConfigTree flags = FlagLayer.fromAssignments(List.of(bad), "--set");
            assertThatThrownBy(() -> new ConfigLoader().flags(flags).load()).as(bad)
                    .hasMessageContaining("budget.max_cost").hasMessageContaining("expected a number of dollars above 0");
        }
        ConfigTree price = FlagLayer.fromAssignments(List.of("models.m.spec=openai:gpt-4o-mini",
                "models.m.price.prompt_per_million=NaN", "models.m.price.completion_per_million=1"), "--set");
        assertThatThrownBy(() -> new ConfigLoader().flags(price).load()).hasMessageContaining("models.m.price")
                .hasMessageContaining("finite");
    }

    @Test
    void aNegativeMaxOutageIsRefusedAndZeroDisablesWaiting() {
        ConfigTree negative = FlagLayer.fromAssignments(List.of("models.m.spec=openai:gpt-4o-mini", "models.m.max_outage_seconds=-1"), "--set");
        assertThatThrownBy(() -> new ConfigLoader().flags(negative).load())
                .hasMessageContaining("models.m.max_outage_seconds").hasMessageContaining("at least 0");
        ConfigTree zero = FlagLayer.fromAssignments(List.of("models.m.spec=openai:gpt-4o-mini", "models.m.max_outage_seconds=0"), "--set");
        assertThat(new ConfigLoader().flags(zero).load().settings().models().get("m").maxOutageSeconds()).isZero();
        ConfigTree text = FlagLayer.fromAssignments(List.of("models.m.spec=openai:gpt-4o-mini", "models.m.max_outage_seconds=long"), "--set");
        assertThatThrownBy(() -> new ConfigLoader().flags(text).load()).hasMessageContaining("models.m.max_outage_seconds");
    }

    @Test
    void anApiKeyOnTheCommandLineIsRefusedWithoutRepeatingIt() {
        assertThatThrownBy(() -> FlagLayer.fromAssignments(List.of("models.gpt.api_key=sk-live-0123456789abcdef"), "--set"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("flag --set models.gpt.api_key: API keys are not accepted on the command line")
                .hasMessageContaining("models.gpt.api_key_env=VARIABLE")
                .hasMessageNotContaining("sk-live");
        assertThatThrownBy(() -> FlagLayer.fromAssignments(List.of("sk-live-0123456789abcdef"), "--set"))
                .hasMessageNotContaining("sk-live");
        // naming where the key is, not the key, stays allowed
        assertThat(FlagLayer.fromAssignments(List.of("models.gpt.api_key_env=MY_KEY", "models.gpt.api_key_file=/k"), "--set")
                .at("models.gpt.api_key_env").asText()).isEqualTo("MY_KEY");
    }

    @Test
    void aListWhereAMappingBelongs() throws Exception {
        Path file = write("llmopt.yaml", "roles: [gpt]\n");
        assertThatThrownBy(() -> new ConfigLoader().file(file).load())
                .hasMessage(file + " line 1: roles: got a list, expected a mapping of settings");
    }

    @Test
    void aRoleMustNameAConfiguredModel() throws Exception {
        Path file = write("llmopt.yaml", YAML.replace("scorer: qwen", "scorer: llama"));
        assertThatThrownBy(() -> new ConfigLoader().file(file).load())
                .hasMessageStartingWith(file + " line 15: roles.scorer: names the model 'llama' which is not configured;"
                        + " expected one of: gpt, qwen (define it under models:). A model on the command line is provider:name,"
                        + " e.g. ollama:llama (providers: openai, vllm, ollama,");
    }

    @Test
    void aMalformedSpecNamesFileLineAndSetting() throws Exception {
        Path file = write("llmopt.yaml", YAML.replace("vllm:http://gpu1", "vllm:htp://gpu1"));
        assertThatThrownBy(() -> new ConfigLoader().file(file).load())
                .hasMessageStartingWith(file + " line 11: models.qwen.spec: \"vllm:htp://gpu1:8000/v1#Qwen2.5-7B-Instruct\""
                        + " has a base URL that does not start with http:// or https://");
    }

    @Test
    void limitsMustBePositive() throws Exception {
        Path file = write("llmopt.yaml", YAML.replace("max_concurrency: 8", "max_concurrency: 0"));
        assertThatThrownBy(() -> new ConfigLoader().file(file).load())
                .hasMessage(file + " line 5: models.gpt.max_concurrency: got 0, expected a whole number of at least 1");
    }

    @Test
    void aModuleSectionIsBoundStrictly() throws Exception {
        Path file = write("llmopt.yaml", YAML.replace("  steps: 200", "  stpes: 200"));
        LoadedConfig config = new ConfigLoader().file(file).load();
        assertThatThrownBy(() -> config.section("opro", OproSection.class))
                .hasMessageStartingWith(file + " line 21: opro.stpes: unknown key 'stpes'; expected one of: instruction_position, steps");
    }

    @Test
    void syntaxErrorsAndDuplicateKeysNameTheLine() throws Exception {
        Path broken = write("broken.yaml", "roles:\n  scorer: gpt\n bad indentation: [\n");
        assertThatThrownBy(() -> new ConfigLoader().file(broken).load())
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(broken + " line ")
                .hasMessageContaining(": not valid YAML: ");
        Path dup = write("dup.yaml", "cache:\n  mode: off\n  mode: read-only\n");
        assertThatThrownBy(() -> new ConfigLoader().file(dup).load())
                .hasMessage(dup + " line 3: cache.mode: duplicate key; each setting may appear once");
        Path badJson = write("bad.json", "{\"roles\": {\"scorer\": }}");
        assertThatThrownBy(() -> new ConfigLoader().file(badJson).load())
                .hasMessageStartingWith(badJson + " line 1: not valid JSON: ");
        assertThatThrownBy(() -> new ConfigLoader().file(dir.resolve("missing.yaml")).load())
                .hasMessage(dir.resolve("missing.yaml") + ": configuration file not found; check the path (or --config)");
    }

    @Test
    void warnsWhenAFileWithAKeyIsReadableByOthers() throws Exception {
        Path file = write("llmopt.yaml", "models:\n  gpt: {spec: \"openai:gpt-4o-mini\", api_key: sk-not-a-real-key-0123456789}\n");
        assumeTrue(Files.getFileStore(file).supportsFileAttributeView("posix"));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        LoadedConfig config = new ConfigLoader().file(file).load();
        assertThat(config.warnings()).containsExactly(file + " contains a secret (models.gpt.api_key) and is readable by"
                + " other users; run 'chmod 600 " + file + "' or use api_key_env");
        assertThat(config.settings().models().get("gpt").toString()).doesNotContain("sk-not-a-real-key");

        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        assertThat(new ConfigLoader().file(file).load().warnings()).isEmpty();
        Path noKey = write("plain.yaml", YAML);
        Files.setPosixFilePermissions(noKey, PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(new ConfigLoader().file(noKey).load().warnings()).isEmpty();
    }

    @Test
    void warnsWhenAKeyFileIsReadableByOthers() throws Exception {
        Path key = write("gpt.key", "sk-not-a-real-key-0123456789\n");
        assumeTrue(Files.getFileStore(key).supportsFileAttributeView("posix"));
        Path file = write("llmopt.yaml", "models:\n  gpt: {spec: \"openai:gpt-4o-mini\", api_key_file: \"" + key + "\"}\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(new ConfigLoader().file(file).load().warnings()).containsExactly("models.gpt.api_key_file: " + key
                + " is readable by other users; run 'chmod 600 " + key + "'");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        assertThat(new ConfigLoader().file(file).load().warnings()).isEmpty();
    }
}

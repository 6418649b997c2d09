package io.llmopt.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileEditorTest {

    @TempDir
    Path dir;

    private static final String SPEC = "openai:https://api.openai.com/v1#ft:gpt-4o-mini:org:bpo:abc";

    private String specIn(Path file, String name) {
        return ConfigFileReader.read(file).at("models." + name + ".spec").asText();
    }

    @Test
    void aMissingFileIsCreatedWithTheModel() {
        Path file = dir.resolve("llmopt.yaml");
        ConfigFileEditor.addModel(file, "bpo-rewriter", SPEC);
        assertThat(specIn(file, "bpo-rewriter")).isEqualTo(SPEC);
    }

    @Test
    void aYamlFileKeepsItsCommentsAndOtherModels() throws Exception {
        Path file = dir.resolve("llmopt.yaml");
        Files.writeString(file, """
                # my setup
                models:
                    gpt:   # the usual one
                        spec: openai:gpt-4o-mini
                roles:
                    scorer: gpt
                """);
        ConfigFileEditor.addModel(file, "bpo-rewriter", SPEC);
        String text = Files.readString(file);
        assertThat(text).contains("# my setup").contains("# the usual one");
        assertThat(specIn(file, "bpo-rewriter")).isEqualTo(SPEC);
        assertThat(specIn(file, "gpt")).isEqualTo("openai:gpt-4o-mini");
        assertThat(ConfigFileReader.read(file).at("roles.scorer").asText()).isEqualTo("gpt");
    }

    @Test
    void aYamlFileWithoutModelsGetsTheSection() throws Exception {
        Path file = dir.resolve("llmopt.yaml");
        Files.writeString(file, "budget:\n  max_cost: 5");
        ConfigFileEditor.addModel(file, "r", SPEC);
        assertThat(specIn(file, "r")).isEqualTo(SPEC);
        assertThat(ConfigFileReader.read(file).at("budget.max_cost").asDouble()).isEqualTo(5.0);
    }

    @Test
    void theSameModelTwiceChangesNothingAndANameTakenIsRefused() throws Exception {
        Path file = dir.resolve("llmopt.yaml");
        ConfigFileEditor.addModel(file, "r", SPEC);
        String once = Files.readString(file);
        ConfigFileEditor.addModel(file, "r", SPEC);
        assertThat(Files.readString(file)).isEqualTo(once);
        assertThatThrownBy(() -> ConfigFileEditor.addModel(file, "r", "openai:gpt-4o"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("models.r is already " + SPEC);
        assertThat(Files.readString(file)).isEqualTo(once);
    }

    @Test
    void aJsonFileIsRewrittenWithTheModel() throws Exception {
        Path file = dir.resolve("llmopt.json");
        Files.writeString(file, "{\"roles\": {\"scorer\": \"gpt\"}, \"models\": {\"gpt\": {\"spec\": \"openai:gpt-4o-mini\"}}}");
        ConfigFileEditor.addModel(file, "r", SPEC);
        assertThat(specIn(file, "r")).isEqualTo(SPEC);
        assertThat(specIn(file, "gpt")).isEqualTo("openai:gpt-4o-mini");
    }

    @Test
    void aNameThatCannotBeAKeyIsRefused() {
        assertThatThrownBy(() -> ConfigFileEditor.addModel(dir.resolve("x.yaml"), "a.b", SPEC))
                .hasMessageContaining("got 'a.b'");
    }
}

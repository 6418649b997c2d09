package io.llmopt.bpo.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.llmopt.bpo.pairs.OptimizedPair;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The recipe folder, read back the way LLaMA-Factory reads it. */
class LlamaFactoryRecipeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final List<OptimizedPair> pairs = List.of(
            new OptimizedPair("r1", "Tell me about cats.", "Describe cats: habits, care and history.", "x", null),
            new OptimizedPair("r2", "解释量子计算", "请用通俗的语言解释量子计算的基本原理。", "x", null),
            new OptimizedPair("r3", "dropped", "dropped too", "x", "too long"));

    @Test
    void theDataMatchesItsDatasetDescription(@TempDir Path dir) throws Exception {
        new LlamaFactoryRecipe(null).write(dir, pairs);
        JsonNode info = JSON.readTree(dir.resolve("dataset_info.json").toFile()).path(LlamaFactoryRecipe.DATASET);
        assertThat(info.path("formatting").asText()).isEqualTo("alpaca");
        JsonNode data = JSON.readTree(dir.resolve(info.path("file_name").asText()).toFile());
        assertThat(data).hasSize(2); // the dropped pair is left out
        for (JsonNode example : data) {
            info.path("columns").forEach(column -> assertThat(example.has(column.asText())).as(column.asText()).isTrue());
        }
        String instruction = data.get(1).path(info.path("columns").path("prompt").asText()).asText();
        assertThat(instruction).startsWith("[INST] You are an expert prompt engineer.").endsWith("解释量子计算 [/INST]");
        assertThat(data.get(1).path("output").asText()).isEqualTo("请用通俗的语言解释量子计算的基本原理。");
    }

    @Test
    void theTrainingConfigurationsCarryThePapersHyperparameters(@TempDir Path dir) throws Exception {
        new LlamaFactoryRecipe(null).write(dir, pairs);
        JsonNode full = YAML.readTree(dir.resolve("train_full.yaml").toFile());
        assertThat(full.path("model_name_or_path").asText()).isEqualTo("meta-llama/Llama-2-7b-chat-hf");
        assertThat(full.path("finetuning_type").asText()).isEqualTo("full");
        assertThat(full.path("learning_rate").asDouble()).isEqualTo(2e-5);
        assertThat(full.path("num_train_epochs").asDouble()).isEqualTo(5.0);
        assertThat(full.path("weight_decay").asDouble()).isEqualTo(0.01);
        assertThat(full.path("cutoff_len").asInt()).isEqualTo(512);
        assertThat(full.path("template").asText()).isEqualTo("empty");
        assertThat(full.path("train_on_prompt").asBoolean()).isFalse();
        assertThat(full.path("dataset").asText()).isEqualTo(LlamaFactoryRecipe.DATASET);
        JsonNode lora = YAML.readTree(dir.resolve("train_lora.yaml").toFile());
        assertThat(lora.path("finetuning_type").asText()).isEqualTo("lora");
        JsonNode merge = YAML.readTree(dir.resolve("merge_lora.yaml").toFile());
        assertThat(merge.path("adapter_name_or_path").asText()).isEqualTo(lora.path("output_dir").asText());
    }

    @Test
    void theReferenceFormatHoldsTheRawPromptAndTheOptimizedOne(@TempDir Path dir) throws Exception {
        new LlamaFactoryRecipe("Qwen/Qwen2.5-1.5B-Instruct").write(dir, pairs);
        JsonNode ref = JSON.readTree(dir.resolve("bpo_pairs.reference.json").toFile());
        assertThat(ref.get(0).path("id").asText()).isEqualTo("r1");
        assertThat(ref.get(0).path("paragraph").get(0).path("q").asText()).isEqualTo("Tell me about cats.");
        assertThat(ref.get(0).path("paragraph").get(0).path("a").asText()).isEqualTo("Describe cats: habits, care and history.");
        assertThat(Files.readString(dir.resolve("README.md"))).contains("Qwen/Qwen2.5-1.5B-Instruct").contains("2 optimized pairs");
    }

    @Test
    void noKeptPairIsRefused(@TempDir Path dir) {
        assertThatThrownBy(() -> new LlamaFactoryRecipe(null).write(dir, List.of(pairs.get(2))))
                .hasMessage("no kept pair to train on");
    }
}

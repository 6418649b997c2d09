package io.llmopt.opro.grading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class GradingCatalogTest {

    @Test
    void everyBbhTaskInTheSharedDataHasSettings() throws IOException {
        String shared = System.getProperty("llmopt.shared.dir");
        assumeTrue(shared != null, "llmopt.shared.dir is not set");
        Path bbh = Path.of(shared, "data/opro/BIG-Bench-Hard-data");
        assumeTrue(Files.isDirectory(bbh), "no BBH data at " + bbh);
        try (Stream<Path> files = Files.list(bbh)) {
            var tasks = files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".json"))
                    .map(n -> n.substring(0, n.length() - ".json".length())).toList();
            assertThat(tasks).hasSize(27).allSatisfy(task -> assertThat(GradingCatalog.forBbhTask(task)).isNotNull());
        }
    }

    @Test
    void settingsFollowTheReference() {
        assertThat(GradingCatalog.forDataset("GSM8K").answerType()).isEqualTo(AnswerType.NUMERIC);
        assertThat(GradingCatalog.forDataset("gsm8k").treatIncludeAsCorrect()).isFalse();
        assertThat(GradingCatalog.forDataset("aqua").answerType()).isEqualTo(AnswerType.MULTIPLE_CHOICE);
        assertThat(GradingCatalog.forDataset("bbh", "formal_fallacies").booleanWords()).isEqualTo(BooleanWords.VALID_INVALID);
        assertThat(GradingCatalog.forBbhTask("word_sorting").treatIncludeAsCorrect()).isTrue();
        assertThat(GradingCatalog.forBbhTask("multistep_arithmetic_two").answerType()).isEqualTo(AnswerType.NUMERIC);
        assertThatThrownBy(() -> GradingCatalog.forDataset("bbh")).hasMessageContaining("task");
        assertThatThrownBy(() -> GradingCatalog.forDataset("squad")).hasMessageContaining("unknown data set");
    }
}

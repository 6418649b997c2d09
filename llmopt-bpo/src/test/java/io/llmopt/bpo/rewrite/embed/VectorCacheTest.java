package io.llmopt.bpo.rewrite.embed;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmopt.bpo.rewrite.SimilarityIndex;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VectorCacheTest {

    @TempDir
    Path dir;

    /** Embeds a text as (length, vowel count): predictable vectors, and a log of what was asked. */
    private static final class CountingEmbedder implements Embedder {
        final List<String> embedded = new ArrayList<>();

        @Override
        public List<float[]> embed(List<String> texts) {
            embedded.addAll(texts);
            return texts.stream().map(t -> new float[] {t.length(), t.replaceAll("[^aeiou]", "").length()}).toList();
        }

        @Override
        public String name() {
            return "counting";
        }
    }

    @Test
    void embedsEachTextOnceAcrossProcessesAndSurvivesATornLastEntry() throws Exception {
        Path file = dir.resolve("vectors.bin");
        CountingEmbedder first = new CountingEmbedder();
        VectorCache cache = new VectorCache(first, file);
        List<float[]> vectors = cache.embed(List.of("alpha", "beta", "alpha"));
        assertThat(vectors.get(0)).containsExactly(5f, 2f);
        assertThat(vectors.get(2)).isSameAs(vectors.get(0));
        assertThat(first.embedded).containsExactly("alpha", "beta");

        CountingEmbedder second = new CountingEmbedder();
        assertThat(new VectorCache(second, file).embed(List.of("beta", "gamma"))).hasSize(2);
        assertThat(second.embedded).containsExactly("gamma");

        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 3)); // a crash mid-append
        assertThat(new VectorCache(new CountingEmbedder(), file).size()).isEqualTo(2);
    }

    @Test
    void embeddingIndexRanksByCosineSimilarity() {
        SimilarityIndex index = new EmbeddingIndex(new CountingEmbedder(), List.of("aaaa", "bcdf", "aabb"));
        assertThat(index.search("aaaaaaaa", 2)).extracting(SimilarityIndex.Hit::document).containsExactly(0, 2);
        assertThat(index.size()).isEqualTo(3);
    }
}

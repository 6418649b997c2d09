package io.llmopt.bpo.rewrite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class Bm25IndexTest {

    private final List<String> docs = List.of(
            "How do I bake sourdough bread at home?",
            "Write a poem about the sea and the moon.",
            "Explain how vaccines train the immune system.",
            "Give me a recipe for banana bread.",
            "The the the the the");

    @Test
    void scoresMatchTheFormulaByHand() {
        Bm25Index index = new Bm25Index(docs);
        // "bread" occurs once in docs 0 and 3: idf = ln(1 + (5 - 2 + 0.5) / (2 + 0.5)).
        double idf = Math.log(1 + 3.5 / 2.5);
        assertThat(index.idf("bread")).isCloseTo(idf, within(1e-12));
        double avg = (8 + 9 + 7 + 7 + 5) / 5.0;
        double norm = 1.2 * (1 - 0.75 + 0.75 * 7 / avg);
        assertThat(index.score(3, "bread")).isCloseTo(idf * 2.2 / (1 + norm), within(1e-12));
    }

    @Test
    void ranksTheMostSimilarFirstAndLeavesOutNonMatches() {
        List<SimilarityIndex.Hit> hits = new Bm25Index(docs).search("banana bread recipe", 3);
        assertThat(hits).extracting(SimilarityIndex.Hit::document).containsExactly(3, 0);
        assertThat(hits.get(0).score()).isGreaterThan(hits.get(1).score());
    }

    @Test
    void tokenizationIgnoresCaseAndPunctuation() {
        assertThat(Bm25Index.tokenize("Hello, WORLD! It's 2024.")).containsExactly("hello", "world", "it", "s", "2024");
        assertThat(new Bm25Index(docs).search("SEA?", 1)).extracting(SimilarityIndex.Hit::document).containsExactly(1);
    }

    @Test
    void emptyIndexAndKZero() {
        assertThat(new Bm25Index(List.of()).search("anything", 5)).isEmpty();
        assertThat(new Bm25Index(docs).search("bread", 0)).isEmpty();
    }
}

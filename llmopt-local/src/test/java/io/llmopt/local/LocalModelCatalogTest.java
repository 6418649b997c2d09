package io.llmopt.local;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LocalModelCatalogTest {

    @Test
    void everyEntryIsPinnedToItsPublishedFile() {
        assertThat(LocalModelCatalog.models()).hasSize(6).allSatisfy(m -> {
            assertThat(m.sha256()).as(m.name()).matches("[0-9a-f]{64}");
            assertThat(m.approxBytes()).as(m.name()).isGreaterThan(100_000_000L);
            assertThat(m.fileName()).as(m.name()).endsWith(".gguf");
            assertThat(m.repository()).as(m.name()).contains("/");
        });
        assertThat(LocalModelCatalog.models()).extracting(CatalogModel::name).doesNotHaveDuplicates();
        assertThat(LocalModelCatalog.models()).extracting(CatalogModel::sha256).doesNotHaveDuplicates();
    }

    @Test
    void theDefaultIsSmallEnoughForACpu() {
        CatalogModel d = LocalModelCatalog.defaultModel();
        assertThat(LocalModelCatalog.DEFAULT_SPEC).isEqualTo("local:" + d.name());
        assertThat(d.approxBytes()).isLessThan(1_500_000_000L);
    }
}

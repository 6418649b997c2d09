package io.llmopt.core.local;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The small built-in catalogue of instruct models that run on a laptop CPU, as Q4_K_M GGUF files.
 *
 * <p>Checksums are not pinned yet: the first download records the file's SHA-256 next to it and
 * later downloads are checked against that record (trust on first use). Pin the real values here
 * once they have been taken from the repositories' file pages.
 */
public final class LocalModelCatalog {

    /**
     * The model used when a configuration names none. Qwen2.5 1.5B Instruct follows OPRO scorer
     * instructions far better than the 0.5B model and still answers at interactive speed on CPU.
     */
    public static final String DEFAULT_MODEL = "qwen2.5-1.5b-instruct";

    /** The model spec of {@link #DEFAULT_MODEL}, as a configuration would write it. */
    public static final String DEFAULT_SPEC = "local:" + DEFAULT_MODEL;

    private static final long MB = 1_000_000L;

    private static final List<CatalogModel> MODELS = List.of(
            new CatalogModel("qwen2.5-0.5b-instruct", "Qwen/Qwen2.5-0.5B-Instruct-GGUF",
                    "qwen2.5-0.5b-instruct-q4_k_m.gguf", 491_400_032L, null),
            new CatalogModel("qwen2.5-1.5b-instruct", "Qwen/Qwen2.5-1.5B-Instruct-GGUF",
                    "qwen2.5-1.5b-instruct-q4_k_m.gguf", 1_117_320_736L,
                    // pinned: the default model is what a fresh machine downloads unattended
                    "6a1a2eb6d15622bf3c96857206351ba97e1af16c30d7a74ee38970e434e9407e"),
            new CatalogModel("qwen2.5-3b-instruct", "Qwen/Qwen2.5-3B-Instruct-GGUF",
                    "qwen2.5-3b-instruct-q4_k_m.gguf", 2_100 * MB, null),
            new CatalogModel("llama-3.2-1b-instruct", "bartowski/Llama-3.2-1B-Instruct-GGUF",
                    "Llama-3.2-1B-Instruct-Q4_K_M.gguf", 807_694_464L, null),
            new CatalogModel("llama-3.2-3b-instruct", "bartowski/Llama-3.2-3B-Instruct-GGUF",
                    "Llama-3.2-3B-Instruct-Q4_K_M.gguf", 2_020 * MB, null),
            new CatalogModel("smollm2-1.7b-instruct", "HuggingFaceTB/SmolLM2-1.7B-Instruct-GGUF",
                    "smollm2-1.7b-instruct-q4_k_m.gguf", 1_060 * MB, null));

    private LocalModelCatalog() {
    }

    public static List<CatalogModel> models() {
        return MODELS;
    }

    /** The catalogue entry for {@code name}, ignoring case. */
    public static Optional<CatalogModel> find(String name) {
        String wanted = name.strip().toLowerCase(Locale.ROOT);
        return MODELS.stream().filter(m -> m.name().equals(wanted)).findFirst();
    }

    public static CatalogModel defaultModel() {
        return find(DEFAULT_MODEL).orElseThrow();
    }

    /** The names, comma-separated, for error messages. */
    public static String names() {
        return MODELS.stream().map(CatalogModel::name).collect(Collectors.joining(", "));
    }
}

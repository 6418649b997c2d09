package io.llmopt.local;

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

    // Sizes and SHA-256 digests are the published files' (each cross-checked in several public
    // manifests); a download that does not match them is refused.
    private static final List<CatalogModel> MODELS = List.of(
            new CatalogModel("qwen2.5-0.5b-instruct", "Qwen/Qwen2.5-0.5B-Instruct-GGUF",
                    "qwen2.5-0.5b-instruct-q4_k_m.gguf", 491_400_032L,
                    "74a4da8c9fdbcd15bd1f6d01d621410d31c6fc00986f5eb687824e7b93d7a9db"),
            new CatalogModel("qwen2.5-1.5b-instruct", "Qwen/Qwen2.5-1.5B-Instruct-GGUF",
                    "qwen2.5-1.5b-instruct-q4_k_m.gguf", 1_117_320_736L,
                    "6a1a2eb6d15622bf3c96857206351ba97e1af16c30d7a74ee38970e434e9407e"),
            new CatalogModel("qwen2.5-3b-instruct", "Qwen/Qwen2.5-3B-Instruct-GGUF",
                    "qwen2.5-3b-instruct-q4_k_m.gguf", 2_104_932_768L,
                    "626b4a6678b86442240e33df819e00132d3ba7dddfe1cdc4fbb18e0a9615c62d"),
            new CatalogModel("llama-3.2-1b-instruct", "bartowski/Llama-3.2-1B-Instruct-GGUF",
                    "Llama-3.2-1B-Instruct-Q4_K_M.gguf", 807_694_464L,
                    "6f85a640a97cf2bf5b8e764087b1e83da0fdb51d7c9fab7d0fece9385611df83"),
            new CatalogModel("llama-3.2-3b-instruct", "bartowski/Llama-3.2-3B-Instruct-GGUF",
                    "Llama-3.2-3B-Instruct-Q4_K_M.gguf", 2_019_377_696L,
                    "6c1a2b41161032677be168d354123594c0e6e67d2b9227c84f296ad037c728ff"),
            new CatalogModel("smollm2-1.7b-instruct", "bartowski/SmolLM2-1.7B-Instruct-GGUF",
                    "SmolLM2-1.7B-Instruct-Q4_K_M.gguf", 1_055_609_824L,
                    "77665ea4815999596525c636fbeb56ba8b080b46ae85efef4f0d986a139834d7"));

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

package io.llmopt.opro.numeric.blackbox;

/** The non-LLM optimizers an OPRO run on a black-box objective is compared with. */
public enum Baseline {
    /** Uniform random candidates; works on any space. */
    RANDOM_SEARCH,
    /** Nelder–Mead simplex (Apache Commons Math) on the unit cube; numeric spaces only. */
    NELDER_MEAD,
    /** CMA-ES (Apache Commons Math) on the unit cube; numeric spaces only. */
    CMA_ES
}

package io.llmopt.cli.common;

import picocli.CommandLine.Option;

/**
 * The role flags, one mixin per role, so each command lists only the roles it uses ({@code opro
 * prompt}: optimizer and scorer; {@code bpo eval}: rewriter, responder and judge). {@link ConfigOptions}
 * reads whichever of them the command has; {@code --model} covers the roles not given.
 *
 * <p>A value is a model spec ({@code openai:gpt-4o-mini}), which defines a model named after the
 * role ({@code models.scorer}), or the name of a model of the configuration file.
 */
public final class RoleOption {

    private RoleOption() {
    }

    public static final class Optimizer {
        @Option(names = "--optimizer", paramLabel = "MODEL",
                description = "The optimizer model (a spec, which defines models.optimizer, or a configured name).")
        String value;
    }

    public static final class Scorer {
        @Option(names = "--scorer", paramLabel = "MODEL",
                description = "The scorer model (a spec, which defines models.scorer, or a configured name).")
        String value;
    }

    public static final class Judge {
        @Option(names = "--judge", paramLabel = "MODEL",
                description = "The judge model (a spec, which defines models.judge, or a configured name).")
        String value;
    }

    public static final class Rewriter {
        @Option(names = "--rewriter", paramLabel = "MODEL",
                description = "The rewriter model (a spec, which defines models.rewriter, or a configured name).")
        String value;
    }

    public static final class Responder {
        @Option(names = "--responder", paramLabel = "MODEL",
                description = "The model whose responses are judged (a spec, which defines models.responder, or a"
                        + " configured name).")
        String value;
    }
}

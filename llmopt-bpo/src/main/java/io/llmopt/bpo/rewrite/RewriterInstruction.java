package io.llmopt.bpo.rewrite;

import io.llmopt.bpo.template.BpoTemplates;
import java.util.Map;

/** The rewriter request for a prompt, with or without the Llama-2 {@code [INST]} markers. */
public final class RewriterInstruction {

    private static final String OPEN = "[INST] ";
    private static final String CLOSE = " [/INST]";

    private RewriterInstruction() {
    }

    /** The full template, as the released model expects it. */
    public static String withMarkers(String prompt) {
        return BpoTemplates.REWRITER.render(Map.of("prompt", prompt));
    }

    /** The same request without the markers, for chat models that apply their own template. */
    public static String plain(String prompt) {
        String full = withMarkers(prompt);
        return full.substring(OPEN.length(), full.length() - CLOSE.length());
    }
}

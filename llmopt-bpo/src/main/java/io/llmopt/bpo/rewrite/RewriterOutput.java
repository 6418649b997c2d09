package io.llmopt.bpo.rewrite;

/**
 * Post-processing of a BPO model's completion, as in the reference: the text after
 * {@code [/INST]} (a server that echoes the prompt puts it before), cut at a further
 * {@code [/INST]}; in aggressive mode also cut at {@code [KE}, {@code [INS} and {@code [PRO}
 * (leftovers of the [KEEP]/[INSTRUCTION]/[PROTECT] markers); then stripped.
 */
public final class RewriterOutput {

    private static final String END_INST = "[/INST]";

    private RewriterOutput() {
    }

    public static String clean(String completion, RewriteMode mode) {
        String text = completion;
        int echoed = text.indexOf(END_INST);
        if (echoed >= 0 && text.stripLeading().startsWith("[INST]")) {
            text = text.substring(echoed + END_INST.length());
        }
        text = cut(text, END_INST);
        if (mode == RewriteMode.AGGRESSIVE) {
            text = cut(cut(cut(text, "[KE"), "[INS"), "[PRO");
        }
        return text.strip();
    }

    private static String cut(String text, String marker) {
        int at = text.indexOf(marker);
        return at < 0 ? text : text.substring(0, at);
    }
}

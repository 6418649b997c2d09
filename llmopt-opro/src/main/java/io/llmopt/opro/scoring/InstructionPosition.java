package io.llmopt.opro.scoring;

/** Where the instruction goes in the scorer prompt (the paper's instruction positions). */
public enum InstructionPosition {
    BEFORE_Q("before_Q"), Q_BEGIN("Q_begin"), Q_END("Q_end"), A_BEGIN("A_begin");

    private final String paperName;

    InstructionPosition(String paperName) { this.paperName = paperName; }

    /** The name the paper and the reference code use. */
    public String paperName() { return paperName; }

    public static InstructionPosition fromPaperName(String name) {
        for (InstructionPosition p : values()) {
            if (p.paperName.equalsIgnoreCase(name) || p.name().equalsIgnoreCase(name)) { return p; }
        }
        throw new IllegalArgumentException("unknown instruction position '" + name + "' (expected before_Q, Q_begin, Q_end or A_begin)");
    }
}

package io.llmopt.bpo.judge;

/** A comparison's result for the rewritten prompt: win, tie, lose, or invalid when no verdict was read. */
public enum Outcome { WIN, TIE, LOSE, INVALID }

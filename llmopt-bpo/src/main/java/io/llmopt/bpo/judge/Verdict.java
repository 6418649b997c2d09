package io.llmopt.bpo.judge;

/** What a judge reply says about the assistants as shown: A better, B better, a tie, or no verdict found. */
public enum Verdict { A, B, TIE, NONE }

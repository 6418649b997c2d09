package io.llmopt.opro.grading;

/** What kind of answer a task expects; decides how a model output is parsed and compared. */
public enum AnswerType {
    /** A number (GSM8K, MultiArith, BBH object_counting and multistep_arithmetic_two). */
    NUMERIC,
    /** One of two words, such as yes/no, True/False or valid/invalid. */
    BOOLEAN,
    /** A lettered option; the prompt text carries the options (MMLU, AQuA, most BBH tasks). */
    MULTIPLE_CHOICE,
    /** Anything else, compared as text (BBH dyck_languages, word_sorting). */
    FREE_TEXT
}

/**
 * The report data model: what run producers write into the run store so that {@code llmopt runs}
 * and {@code llmopt report} can show it. Nothing here renders anything; the renderers live in the
 * {@code llmopt-report} module and only read the store.
 *
 * <p>OPRO prompt runs ({@link RunKinds#OPRO_PROMPT}) need no payload of their own: steps (with
 * their meta-prompt), candidates (with their step and scores per split) and per-example results
 * already say everything. The baseline is the candidates of step 0.
 *
 * <p>Numeric runs write one {@link NumericEvaluation} work item per evaluated solution and a
 * {@link NumericSummary} as the run summary. BPO runs write one {@link BpoJudgement} work item per
 * judged comparison ({@code bpo-eval}) or one {@link BpoPair} per constructed pair
 * ({@code bpo-pairs}). Every payload is JSON with snake_case field names, written with
 * {@link ReportJson}; docs/reports.md shows them.
 */
package io.llmopt.core.report;

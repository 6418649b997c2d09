/**
 * The report's view of what runs store: one record per payload kind, read from the run store's
 * JSON ({@link io.llmopt.core.report.ReportJson}). The methods write these payloads themselves
 * (the report depends on core only, never on opro or bpo), so unknown fields are ignored and the
 * records read older and newer payloads alike. Numeric runs: one {@link NumericEvaluation} work
 * item per evaluated solution and a {@link NumericSummary} as the run summary; BPO: one
 * {@link BpoJudgement} per judged comparison ({@code bpo-eval}), one {@link BpoPair} per
 * constructed pair ({@code bpo-pairs}). OPRO prompt runs need none: steps, candidates and
 * per-example results say everything.
 */
package io.llmopt.report.payload;

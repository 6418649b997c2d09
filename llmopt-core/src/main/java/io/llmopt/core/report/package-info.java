/**
 * What core knows of reports: the run kinds ({@link RunKinds}) and the one JSON mapping of stored
 * payloads ({@link ReportJson}). Nothing more: each method writes its own payloads (numeric runs in
 * {@code io.llmopt.opro.numeric.store}, BPO in {@code io.llmopt.bpo.pipeline}) and the readers'
 * view of them lives in the {@code llmopt-report} module ({@code io.llmopt.report.payload}), so
 * core names neither OPRO's nor BPO's data. The JSON (snake_case field names) is the contract
 * between the two sides; docs/reports.md shows it.
 */
package io.llmopt.core.report;

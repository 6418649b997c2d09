/**
 * Run reports built by reading the run store: a self-contained HTML page (inline CSS and SVG, no
 * script), a Markdown summary and PNG/SVG charts. Entry point: {@link ReportWriter#write}. The
 * payload shapes producers write are in {@code io.llmopt.core.report}.
 */
package io.llmopt.report;

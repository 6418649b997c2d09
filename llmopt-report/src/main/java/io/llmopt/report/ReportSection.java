package io.llmopt.report;

/**
 * One section of a report, rendered for both outputs.
 *
 * @param id       the HTML anchor
 * @param title    the heading
 * @param html     the body as HTML; every text from data or a model in it is already escaped
 * @param markdown the body as Markdown
 */
record ReportSection(String id, String title, String html, String markdown) {
}

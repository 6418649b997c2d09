package io.llmopt.report;

import java.util.List;

/** Builds the sections of a report that one concern contributes (a run kind, the call log, ...). */
interface SectionSource {

    List<ReportSection> sections(ReportContext context);
}

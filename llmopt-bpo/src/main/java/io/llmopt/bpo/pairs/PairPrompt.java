package io.llmopt.bpo.pairs;

import io.llmopt.bpo.data.PreferenceRecord;
import io.llmopt.bpo.template.BpoTemplates;
import java.util.Map;

/**
 * The pair-construction prompt for a preference record.
 *
 * <p>Like the reference, the with-context template is chosen whenever the record has a context
 * field, even an empty one; records without the field get the no-context template, whose extra
 * safety and protected-part rules were written for chat data.
 */
public final class PairPrompt {

    private PairPrompt() {
    }

    public static String of(PreferenceRecord record) {
        if (record.hasContext()) {
            return BpoTemplates.PAIR_WITH_CONTEXT.render(Map.of(
                    "instruction", record.instruction(),
                    "context", record.context(),
                    "bad_res", record.badResponse(),
                    "good_res", record.goodResponse()));
        }
        return BpoTemplates.PAIR_NO_CONTEXT.render(Map.of(
                "instruction", record.instruction(),
                "bad_res", record.badResponse(),
                "good_res", record.goodResponse()));
    }
}

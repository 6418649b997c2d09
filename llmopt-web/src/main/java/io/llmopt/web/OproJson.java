package io.llmopt.web;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmopt.core.store.CandidateRecord;
import io.llmopt.core.store.RunRecord;
import io.llmopt.core.store.RunStore;
import io.llmopt.core.store.StepRecord;
import io.llmopt.report.CandidateRanking;
import java.util.List;

/** An OPRO prompt run for the run page: steps, the current meta-prompt, every candidate with its scores, the best. */
final class OproJson {

    private OproJson() {
    }

    static ObjectNode of(RunStore store, RunRecord run) {
        ObjectNode node = WebExchange.JSON.createObjectNode();
        List<StepRecord> steps = store.steps(run.id());
        ArrayNode stepNodes = node.putArray("steps");
        String metaPrompt = null;
        int metaPromptStep = -1;
        for (StepRecord s : steps) {
            stepNodes.addObject().put("index", s.index()).put("finished", s.finished())
                    .put("started_at", RunJson.time(s.startedAt())).put("finished_at", RunJson.time(s.finishedAt()));
            if (s.metaPrompt() != null && !s.metaPrompt().isBlank()) {
                metaPrompt = s.metaPrompt();
                metaPromptStep = s.index();
            }
        }
        node.put("meta_prompt", metaPrompt);
        node.put("meta_prompt_step", metaPromptStep);
        List<CandidateRecord> candidates = store.candidates(run.id());
        ArrayNode list = node.putArray("candidates");
        for (CandidateRecord c : candidates) {
            list.add(candidate(c));
        }
        CandidateRanking.best(candidates, 1).stream().findFirst().ifPresent(best -> node.set("best", candidate(best)));
        CandidateRanking.baseline(candidates).ifPresent(base -> node.put("baseline_id", base.id()));
        return node;
    }

    static ObjectNode candidate(CandidateRecord c) {
        ObjectNode node = WebExchange.JSON.createObjectNode();
        node.put("id", c.id());
        node.put("step", c.step());
        node.put("text", c.text());
        node.put("status", c.status().wireName());
        node.put("reason", c.reason());
        node.put("train", c.trainScore());
        node.put("validation", c.validationScore());
        node.put("test", c.testScore());
        node.put("penalized", c.penalizedScore());
        return node;
    }
}

package io.llmopt.core.runtime;

import io.llmopt.core.config.ConfigLoader;
import io.llmopt.core.config.FlagLayer;
import io.llmopt.core.config.LoadedConfig;
import io.llmopt.core.llm.ChatRequest;
import io.llmopt.core.llm.LanguageModel;
import io.llmopt.core.llm.ModelRoles;
import io.llmopt.core.store.RunStatus;
import io.llmopt.core.store.WorkItem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * A small resumable run for the kill-and-resume test, started in its own JVM: asks the scorer one
 * question per item, records each answer as one unit of work, skips items already recorded.
 *
 * <p>Arguments: base URL of the simulated server, work folder, number of items, and "new" or the
 * run id to resume. Prints the run id on its first line.
 */
public final class ResumableJobMain {

    static final String KIND = "job.answer";
    static final int CONCURRENCY = 8;

    public static void main(String[] args) {
        String baseUrl = args[0];
        Path dir = Path.of(args[1]);
        int items = Integer.parseInt(args[2]);
        String resume = args[3];
        LoadedConfig config = new ConfigLoader().environment(Map.of()).flags(FlagLayer.fromAssignments(List.of(
                "models.sim.spec=openai-compatible:" + baseUrl + "#sim-model",
                "models.sim.max_concurrency=" + CONCURRENCY,
                "roles.scorer=sim",
                "runs_dir=" + dir.resolve("runs"),
                "cache.path=" + dir.resolve("responses.db")), "--set")).load();
        try (Workspace ws = Workspace.open(config, Map.of());
                ActiveRun run = "new".equals(resume) ? ws.startRun("job", "kill test", null) : ws.resumeRun(resume)) {
            System.out.println(run.id());
            System.out.flush();
            Set<String> done = ws.store().workItemKeys(run.id(), KIND, WorkItem.DONE);
            LanguageModel scorer = run.model(ModelRoles.SCORER);
            List<CompletableFuture<Void>> pending = new ArrayList<>();
            for (int i = 0; i < items; i++) {
                String key = "q" + i;
                if (done.contains(key)) {
                    continue;
                }
                pending.add(scorer.chat(ChatRequest.ofUser("question " + i)).thenCompose(r -> ws.store().transaction(tx ->
                        tx.workItem(WorkItem.done(run.id(), KIND, key, "{\"answer\":\"" + r.text() + "\"}")))));
            }
            CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
            run.finish(RunStatus.COMPLETED, null);
        }
        System.exit(0);
    }

    private ResumableJobMain() {
    }
}

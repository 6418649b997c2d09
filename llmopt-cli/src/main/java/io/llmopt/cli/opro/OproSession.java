package io.llmopt.cli.opro;

import com.fasterxml.jackson.databind.JsonNode;
import io.llmopt.cli.common.ConfigOptions;
import io.llmopt.cli.progress.ProgressDisplay;
import io.llmopt.core.config.LoadedConfig;
import io.llmopt.core.events.Progress;
import io.llmopt.core.events.RunEvent;
import io.llmopt.core.events.RunListener;
import io.llmopt.core.runtime.ActiveRun;
import io.llmopt.core.runtime.Workspace;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One command's run: the workspace (store, cache, model stacks), the active run, the progress
 * display on stderr, and Ctrl-C turned into a stop request at the next safe point (everything
 * recorded so far stays, and {@code --resume} continues).
 */
final class OproSession implements AutoCloseable {

    private final RunListener display;
    private final Workspace workspace;
    private final ActiveRun run;
    private final Thread stopHook;
    private final CountDownLatch done = new CountDownLatch(1);

    private OproSession(RunListener display, Workspace workspace, ActiveRun run) {
        this.display = display;
        this.workspace = workspace;
        this.run = run;
        this.stopHook = new Thread(() -> {
            run.requestStop();
            try {
                // Give the loop time to reach a safe point; per-example results are saved as they come anyway.
                done.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "llmopt-stop");
        Runtime.getRuntime().addShutdownHook(stopHook);
    }

    /** Starts a new run, or resumes {@code resumeId} when given. */
    static OproSession open(ConfigOptions options, LoadedConfig config, ProgressDisplay.Verbosity verbosity,
                            String kind, String name, JsonNode effectiveConfig, String resumeId) {
        Map<String, String> env = System.getenv();
        RunListener display = ProgressDisplay.forStderr(verbosity);
        Workspace workspace = Workspace.builder(config).environment(env).listener(display).build();
        try {
            ActiveRun run = resumeId != null ? workspace.resumeRun(resumeId)
                    : workspace.startRun(kind, name, effectiveConfig);
            return new OproSession(display, workspace, run);
        } catch (RuntimeException e) {
            workspace.close();
            throw e;
        }
    }

    ActiveRun run() {
        return run;
    }

    /** Events go to the display; progress already reaches it through {@link ActiveRun#progress}. */
    RunListener events() {
        return new RunListener() {
            @Override
            public void onEvent(RunEvent event) {
                display.onEvent(event);
            }

            @Override
            public void onProgress(Progress progress) {
                // shown by the active run
            }
        };
    }

    @Override
    public void close() {
        done.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(stopHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook is running: it waits for done, which is counted down above
        }
        try {
            run.close();
        } finally {
            workspace.close();
            if (display instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception ignored) {
                    // a display that cannot close has nothing left to show
                }
            }
        }
    }
}

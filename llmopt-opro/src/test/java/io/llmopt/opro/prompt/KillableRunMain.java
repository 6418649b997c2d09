package io.llmopt.opro.prompt;

import io.llmopt.core.llm.LanguageModel;
import io.llmopt.core.store.RunStore;
import java.nio.file.Path;

/**
 * Runs the scripted GSM8K optimization of {@link ResumeTest} in its own JVM, so the test can kill
 * it mid-run: {@code java KillableRunMain <sim base url> <store file> <run id>}.
 */
public final class KillableRunMain {

    private KillableRunMain() {
    }

    public static void main(String[] args) {
        ScriptedOpro.Data data = ScriptedOpro.gsm8k();
        try (RunStore store = RunStore.open(Path.of(args[1]));
             LanguageModel model = io.llmopt.core.http.OpenAiCompatibleModel.builder(args[0], "sim-model")
                     .provider("sim").build()) {
            ResumeTest.optimizer(model, data, store, args[2]).run();
        }
        System.exit(0);
    }
}

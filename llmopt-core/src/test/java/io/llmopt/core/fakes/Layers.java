package io.llmopt.core.fakes;

import io.llmopt.core.llm.ForwardingLanguageModel;
import io.llmopt.core.llm.LanguageModel;
import io.llmopt.core.pool.PooledLanguageModel;
import io.llmopt.core.stack.ModelStack;
import java.util.ArrayList;
import java.util.List;

/** The classes of a decorator stack from the top down, so tests can compare what was built. */
public final class Layers {

    private Layers() {
    }

    /**
     * From the layer below {@code stack} itself down to the backend; a pool is the last entry,
     * since its delegate is only its first member.
     */
    public static List<Class<?>> of(ModelStack stack) {
        List<Class<?>> out = new ArrayList<>();
        LanguageModel cur = stack.delegate();
        while (true) {
            out.add(cur.getClass());
            if (cur instanceof PooledLanguageModel || !(cur instanceof ForwardingLanguageModel f)) {
                return out;
            }
            cur = f.delegate();
        }
    }
}

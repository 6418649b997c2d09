package io.llmopt.cli.runs;

import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;

/** The {@link RunResumer}s by run kind: registered ones first, then the built-in one, then those on the class path. */
public final class RunResumers {

    private static final Map<String, RunResumer> REGISTERED = new ConcurrentHashMap<>();

    private RunResumers() {
    }

    /** Registers a resumer for its kind, replacing any earlier one. */
    public static void register(RunResumer resumer) {
        REGISTERED.put(resumer.kind(), resumer);
    }

    /** Removes the registered resumer of a kind (tests). */
    public static void unregister(String kind) {
        REGISTERED.remove(kind);
    }

    /**
     * The resumer for {@code kind}: a registered one, else {@code builtIn} when it is of that kind,
     * else one on the class path.
     */
    public static Optional<RunResumer> forKind(String kind, Optional<RunResumer> builtIn) {
        RunResumer registered = REGISTERED.get(kind);
        if (registered != null) {
            return Optional.of(registered);
        }
        if (builtIn.isPresent() && builtIn.get().kind().equals(kind)) {
            return builtIn;
        }
        for (RunResumer r : ServiceLoader.load(RunResumer.class)) {
            if (r.kind().equals(kind)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}

package io.llmopt.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How to run the local model server as a child process.
 *
 * @param modelFile      the GGUF file (already resolved; see {@link LocalModelResolver})
 * @param modelName      the name the model is reported under (e.g. the catalogue name)
 * @param parallel       concurrent slots in the server, 1 to 64
 * @param threads        CPU threads, or null for the server's default (physical cores)
 * @param contextPerSlot tokens of context per slot, or null for the server's default
 * @param javaExecutable the {@code java} binary; by default the running JVM's
 * @param classpath      the child's class path; by default the running JVM's
 * @param mainClass      the server's main class (a test may start another one)
 * @param jvmArgs        extra JVM options for the child
 * @param startupTimeout how long loading the model may take before the start counts as failed
 * @param maxRestarts    how many times a child that died is restarted before giving up
 * @param logFile        where the child's output goes (kept for error messages)
 */
public record SupervisorOptions(Path modelFile, String modelName, int parallel, Integer threads, Integer contextPerSlot,
                                Path javaExecutable, String classpath, String mainClass, List<String> jvmArgs,
                                Duration startupTimeout, int maxRestarts, Path logFile) {

    /** The child server's main class. */
    public static final String SERVER_MAIN_CLASS = LocalModelServer.class.getName();

    public SupervisorOptions {
        Objects.requireNonNull(modelFile, "modelFile");
        Objects.requireNonNull(modelName, "modelName");
        Objects.requireNonNull(javaExecutable, "javaExecutable");
        Objects.requireNonNull(classpath, "classpath");
        Objects.requireNonNull(mainClass, "mainClass");
        Objects.requireNonNull(startupTimeout, "startupTimeout");
        Objects.requireNonNull(logFile, "logFile");
        jvmArgs = List.copyOf(jvmArgs);
        if (parallel < 1 || parallel > 64) {
            throw new IllegalArgumentException("parallel must be between 1 and 64, got " + parallel);
        }
        if (threads != null && threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        if (contextPerSlot != null && contextPerSlot < 256) {
            throw new IllegalArgumentException("context per slot must be at least 256 tokens, got " + contextPerSlot);
        }
        if (maxRestarts < 0) {
            throw new IllegalArgumentException("maxRestarts must not be negative, got " + maxRestarts);
        }
        if (!startupTimeout.isPositive()) {
            throw new IllegalArgumentException("startupTimeout must be positive");
        }
    }

    /** Defaults for {@code modelFile}: this JVM's java and class path, 2 slots, 5 restarts, a temp log file. */
    public static Builder builder(Path modelFile, String modelName) {
        return new Builder(modelFile, modelName);
    }

    /** The child's command line, with the port it must listen on. */
    List<String> command(int port, Path nativeDir) {
        List<String> cmd = new ArrayList<>();
        cmd.add(javaExecutable.toString());
        // the bindings load a JNI library: without this JDK 24+ warns, and later JDKs refuse
        cmd.add("--enable-native-access=ALL-UNNAMED");
        // the bindings extract their library to a fixed temp path; two JVMs would overwrite each other's
        cmd.add("-Dde.kherud.llama.tmpdir=" + nativeDir);
        cmd.addAll(jvmArgs);
        cmd.add("-cp");
        cmd.add(classpath);
        cmd.add(mainClass);
        cmd.add("--model");
        cmd.add(modelFile.toString());
        cmd.add("--name");
        cmd.add(modelName);
        cmd.add("--host");
        cmd.add("127.0.0.1");
        cmd.add("--port");
        cmd.add(Integer.toString(port));
        cmd.add("--parallel");
        cmd.add(Integer.toString(parallel));
        if (threads != null) {
            cmd.add("--threads");
            cmd.add(threads.toString());
        }
        if (contextPerSlot != null) {
            cmd.add("--context");
            cmd.add(contextPerSlot.toString());
        }
        cmd.add("--exit-with-parent");
        return cmd;
    }

    /** Builds {@link SupervisorOptions}. */
    public static final class Builder {
        private final Path modelFile;
        private final String modelName;
        private int parallel = 2;
        private Integer threads;
        private Integer contextPerSlot;
        private Path javaExecutable = Path.of(System.getProperty("java.home"), "bin", "java");
        private String classpath = System.getProperty("java.class.path");
        private String mainClass = SERVER_MAIN_CLASS;
        private List<String> jvmArgs = List.of("-Xmx256m", "-XX:+UseSerialGC");
        private Duration startupTimeout = Duration.ofMinutes(3);
        private int maxRestarts = 5;
        private Path logFile;

        private Builder(Path modelFile, String modelName) {
            this.modelFile = modelFile;
            this.modelName = modelName;
        }

        public Builder parallel(int value) {
            parallel = value;
            return this;
        }

        public Builder threads(Integer value) {
            threads = value;
            return this;
        }

        public Builder contextPerSlot(Integer value) {
            contextPerSlot = value;
            return this;
        }

        public Builder javaExecutable(Path value) {
            javaExecutable = value;
            return this;
        }

        public Builder classpath(String value) {
            classpath = value;
            return this;
        }

        public Builder mainClass(String value) {
            mainClass = value;
            return this;
        }

        public Builder jvmArgs(List<String> value) {
            jvmArgs = value;
            return this;
        }

        public Builder startupTimeout(Duration value) {
            startupTimeout = value;
            return this;
        }

        public Builder maxRestarts(int value) {
            maxRestarts = value;
            return this;
        }

        public Builder logFile(Path value) {
            logFile = value;
            return this;
        }

        public SupervisorOptions build() {
            Path log = logFile != null ? logFile
                    : Path.of(System.getProperty("java.io.tmpdir"), "llmopt-local-model-" + ProcessHandle.current().pid() + ".log");
            return new SupervisorOptions(modelFile, modelName, parallel, threads, contextPerSlot, javaExecutable,
                    classpath, mainClass, jvmArgs, startupTimeout, maxRestarts, log);
        }
    }
}

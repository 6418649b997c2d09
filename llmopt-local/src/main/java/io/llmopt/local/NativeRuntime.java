package io.llmopt.local;

import de.kherud.llama.LlamaModel;
import de.kherud.llama.args.LogFormat;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Gets the JVM ready for the llama.cpp bindings, working around their hazards in one place.
 */
final class NativeRuntime {

    static final String TMPDIR_PROPERTY = "de.kherud.llama.tmpdir";

    private static boolean prepared;

    private NativeRuntime() {
    }

    /**
     * Gives this JVM its own folder for the extracted native library (the bindings default to a
     * fixed path that concurrent JVMs would overwrite, and do not create a folder they are given)
     * and routes native logging to nowhere (by default it goes to stdout, mixing with our output).
     */
    static synchronized void prepare() {
        if (prepared) {
            return;
        }
        try {
            String configured = System.getProperty(TMPDIR_PROPERTY);
            if (configured == null || configured.isBlank()) {
                Path dir = Files.createTempDirectory("llmopt-llama-native-");
                dir.toFile().deleteOnExit();
                System.setProperty(TMPDIR_PROPERTY, dir.toString());
            } else {
                Files.createDirectories(Path.of(configured));
            }
        } catch (IOException e) {
            throw new LocalModelException("could not prepare a folder for the native llama.cpp library: " + e.getMessage(), e);
        }
        // loading the library prints an "Extracted ..." line on stdout, where it would mix with ours
        PrintStream stdout = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        try {
            LlamaModel.setLogger(LogFormat.TEXT, (level, message) -> { });
        } catch (UnsatisfiedLinkError e) {
            throw new LocalModelException("the native llama.cpp library does not load on " + System.getProperty("os.name")
                    + " " + System.getProperty("os.arch") + ": " + e.getMessage(), e);
        } finally {
            System.setOut(stdout);
        }
        prepared = true;
    }

    /** The number of physical cores: llama.cpp runs slower on hyper-threads than on cores alone. */
    static int physicalCores() {
        int logical = Runtime.getRuntime().availableProcessors();
        try {
            int cores = distinctCores(Files.readAllLines(Path.of("/proc/cpuinfo")));
            // the JVM's count honours CPU quotas and affinity, /proc/cpuinfo does not
            return cores > 0 ? Math.min(logical, cores) : logical;
        } catch (IOException | RuntimeException e) {
            return logical;
        }
    }

    /** Distinct (physical id, core id) pairs in /proc/cpuinfo, or 0 when it does not list them. */
    static int distinctCores(List<String> cpuinfo) {
        Set<String> seen = new HashSet<>();
        String physical = "0";
        for (String line : cpuinfo) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String key = line.substring(0, colon).strip();
            String value = line.substring(colon + 1).strip();
            if (key.equals("physical id")) {
                physical = value;
            } else if (key.equals("core id")) {
                seen.add(physical + "/" + value);
            }
        }
        return seen.size();
    }
}

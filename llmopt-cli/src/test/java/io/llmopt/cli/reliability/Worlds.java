package io.llmopt.cli.reliability;

import io.llmopt.sim.Fault;
import io.llmopt.sim.FaultRule;
import io.llmopt.sim.SimRequest;
import io.llmopt.sim.SimulatedLlmServer;
import io.llmopt.testkit.SimModels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Scripted OPRO and BPO worlds on the simulated server, and the command lines that run them, shared
 * by the reliability tests. Every reply is a function of the request alone, so two runs of the same
 * command see the same replies whatever the order, faults or kills in between.
 */
final class Worlds {

    static final String REWRITER_SYSTEM_PREFIX = "You rewrite user prompts";

    private static final List<String> INSTRUCTIONS = List.of(
            "Let's add carefully.", "Be brief.", "Add the numbers.", "Think.", "Let's add them up step by step.", "Answer.");

    private Worlds() {
    }

    /** 40 sums; the scorer is right only when the instruction says "add". */
    static Path sums(Path dir) throws IOException {
        List<String> lines = new ArrayList<>();
        for (int i = 1; i <= 40; i++) {
            lines.add("{\"question\": \"What is " + i + " plus " + i + "?\", \"answer\": \"" + (2 * i) + "\"}");
        }
        return Files.write(dir.resolve("sums.jsonl"), lines);
    }

    /** 40 prompts for a BPO eval. */
    static Path prompts(Path dir) throws IOException {
        List<String> lines = new ArrayList<>();
        for (int i = 1; i <= 40; i++) {
            lines.add("{\"id\": \"p" + i + "\", \"prompt\": \"Explain topic number " + i + ".\", \"category\": \""
                    + (i % 2 == 0 ? "science" : "writing") + "\"}");
        }
        return Files.write(dir.resolve("prompts.jsonl"), lines);
    }

    static void script(SimulatedLlmServer sim) {
        sim.replyWhen("Your task is to generate the instruction", (r, s) -> {
            long seed = r.seed() == null ? s : r.seed() + s;
            return "<INS>" + INSTRUCTIONS.get((int) Math.floorMod(seed * 7 + 3, (long) INSTRUCTIONS.size())) + "</INS>";
        });
        sim.reply(Worlds::reply);
    }

    private static String reply(SimRequest r, int sample) {
        String user = r.lastUserMessage();
        if (r.systemMessage().startsWith(REWRITER_SYSTEM_PREFIX)) {
            return "Please answer in detail: " + user.substring(user.lastIndexOf('\n') + 1);
        }
        if (r.systemMessage().startsWith("Please act as an impartial judge")) {
            String a = user.substring(user.indexOf("[The Start of Assistant A's Answer]"), user.indexOf("[The End of Assistant A's Answer]"));
            int id = Math.floorMod(user.hashCode(), 5);
            return "Reasoning about both answers.\n\n" + (id == 0 ? "[[C]]" : a.contains("DETAILED") ? "[[A]]" : "[[B]]");
        }
        Matcher m = Pattern.compile("What is (\\d+) plus").matcher(user);
        if (m.find()) {
            int n = Integer.parseInt(m.group(1));
            return "Working through it, the answer is " + (user.contains("add") ? 2 * n : 2 * n + 1) + ".";
        }
        return user.startsWith("Please answer in detail") ? "DETAILED answer with several steps." : "A short answer.";
    }

    /**
     * About 1% of requests are cut at max_tokens, chosen by the request itself: like a real model at
     * temperature 0 with a fixed token limit, the same request is truncated every time.
     */
    static FaultRule deterministicTruncation() {
        return FaultRule.when(r -> Math.floorMod((r.lastUserMessage() + "|" + r.systemMessage() + "|" + r.seed()).hashCode(), 100) == 0,
                Fault.TRUNCATED);
    }

    static List<String> oproPrompt(Path data) {
        return List.of("opro", "prompt", "--dataset", data.toString(), "--train-count", "20",
                "--steps", "3", "--candidates-per-step", "4", "--evaluate-every", "0", "--name", "sums");
    }

    static List<String> bpoEval(Path prompts) {
        return List.of("bpo", "eval", "--test-set", prompts.toString(), "--category-field", "category");
    }

    /** The options every run shares: one model for all roles, a store and runs folder in {@code dir}. */
    static List<String> common(SimulatedLlmServer sim, Path dir, String cache, String... extra) {
        List<String> all = new ArrayList<>(List.of("--model", SimModels.spec(sim)));
        all.addAll(storage(dir, cache));
        all.addAll(List.of(extra));
        return all;
    }

    /** Store, runs folder and response cache in {@code dir}, no progress output. */
    static List<String> storage(Path dir, String cache) {
        return List.of("--store", dir.resolve("runs.db").toString(), "--runs-dir", dir.resolve("runs").toString(),
                "--cache", cache, "--set", "cache.path=" + dir.resolve("cache.db"), "--quiet");
    }
}

package io.llmopt.opro.grading;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Realistic scorer outputs, written in the styles chat models use, around real targets of the shared
 * benchmark data; each with the verdict a careful human grader would give. Generated, not copied.
 */
final class ScorerOutputCorpus {

    /** One graded output; {@code kind} is the data set / answer-type class it is reported under. */
    record Case(String kind, GradingSettings settings, String output, String target, String input, boolean correct) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PER_SET = 6;

    private static final String[] NUMERIC_STYLES = {
        "{a}", "{a}.", "The answer is {a}.", "The answer is: {a}", "Answer: {a}", "Final answer: {a}",
        "**Final Answer:** {a}", "**Answer:** {a}", "**Answer: {a}**", "The final answer is **{a}**.",
        "The answer is $\\boxed{{a}}$.", "\\boxed{{a}}", "#### {a}",
        "First, 16 - 3 - 4 = 9.\nThen 9 * 2 = {a}.\nThe answer is {a}.",
        "Step 1: 3 + 4 = 7\nStep 2: 7 * 2 = 14\n\nFinal answer: {a}",
        "Answer: {a}\n\nExplanation: first 3 + 4 = 7, then 7 * 2 = 14 and 14 + 2 = 16.",
        "Final answer: {a} (we added 2 and 5, then multiplied by 3)",
        "Final answer: {a} (since 6 = 3 + 3)",
        "The answer is {a}. I hope this helps! Let me know if you have 2 more questions.",
        "So in total there are {a} apples.", "{a} is the answer.", "{a} is the correct answer.",
        "The answer is 7.\n\nWait, I made a mistake in step 2. Recomputing, the answer is {a}.",
        "Answer: 7\nCorrection: the answer should be {a}.",
        "### Final Answer\n{a}", "**Final Answer**\n\n**{a}** in total (2 boxes of 6)",
        "The answer is \\({a}\\).", "$$ {a} $$", "Answer: {a} dollars", "A: {a}",
        "The answer is {a}.\n\nQ: Tom has 5 apples and eats 2. How many are left?\nA: The answer is 3.",
        "First, 2 + 3 = 5. Then, 5 x 4 = 20. In the end the result is {a}.",
        "The answer is 12 + 6 = {a}.",
    };

    private static final String[] CHOICE_STYLES = {
        "({L})", "{L}", "{L}.", "{L}) {X}", "The answer is ({L}).", "The answer is {L}.", "**Answer:** ({L})",
        "**Answer: {L}**", "Answer: ({L}) {X}", "Option {L}", "The correct option is {L}.",
        "The correct answer is option {L}: {X}", "Final answer: {L}", "\\boxed{{L}}", "The answer is $\\boxed{({L})}$.",
        "{L} is the correct answer.", "({L}) {X}", "The answer is {L} because the other options do not fit.",
        "Let's look at each option.\n(A) does not fit.\n(B) does not fit either.\nSo the answer is ({L}).",
        "Looking at the options, (A) and (B) are wrong here.\nThe correct option is {L}.",
        "Answer: {L}\n\nExplanation: option (A) is too small and (B) is too large.",
        "**{L}. {X}**", "[{L}]", "The best answer is ({L}) {X}", "Correct option: {L}",
        "The answer is: **({L})**", "The answer is (A).\n\nWait, let me re-check. The answer is ({L}).",
        "Choice ({L})", "{L}: {X}", "The right choice is {L}.",
    };

    private static final String[] BOOLEAN_STYLES = {
        "{w}", "{w}.", "**{w}**", "Answer: {w}", "The answer is {w}.", "So the answer is {w}.",
        "Final answer: {w}", "A: {w}", "\\boxed{{w}}", "The answer is: **{w}**", "{lw}", "{uw}",
        "Let's think step by step. We check each statement in turn.\nTherefore, the answer is {w}.",
        "{w}.\n\nExplanation: we checked each statement in turn.",
    };

    private static final String[] TEXT_STYLES = {
        "{t}", "The answer is {t}.", "Answer: {t}", "The sorted list is: {t}", "**{t}**", "`{t}`",
        "{t}.", "Final answer: {t}",
    };

    private ScorerOutputCorpus() {
    }

    static List<Case> build(Path oproData) {
        List<Case> cases = new ArrayList<>();
        gsm8k(oproData, cases);
        multiArith(oproData, cases);
        aqua(oproData, cases);
        mmlu(oproData, cases);
        bbh(oproData, cases);
        return cases;
    }

    private static void gsm8k(Path data, List<Case> cases) {
        List<String> lines = read(data.resolve("gsm_data/gsm_test.tsv"));
        for (int i = 0; i < PER_SET; i++) {
            numeric("gsm8k", GradingCatalog.forDataset("gsm8k"), lines.get(i).split("\t")[1].strip(), cases);
        }
    }

    private static void multiArith(Path data, List<Case> cases) {
        JsonNode all = json(data.resolve("MultiArith-data/MultiArith.json"));
        for (int i = 0; i < PER_SET; i++) {
            String target = String.valueOf((long) all.get(i).get("lSolutions").get(0).asDouble());
            numeric("multiarith", GradingCatalog.forDataset("multiarith"), target, cases);
        }
    }

    private static void aqua(Path data, List<Case> cases) {
        List<String> lines = read(data.resolve("AQuA-data/AQuA.json"));
        for (int i = 0; i < PER_SET; i++) {
            JsonNode row = jsonLine(lines.get(i));
            StringBuilder input = new StringBuilder(row.get("question").asText());
            List<String> texts = new ArrayList<>();
            for (JsonNode option : row.get("options")) {
                input.append("\n(").append(option.asText().charAt(0)).append(')').append(option.asText().substring(2));
                texts.add(option.asText().substring(2));
            }
            input.append("\nWhat's the answer in (A) (B) (C) (D) (E)?");
            choice("aqua", GradingCatalog.forDataset("aqua"), row.get("correct").asText(), false, input.toString(), texts, cases);
        }
    }

    private static void mmlu(Path data, List<Case> cases) {
        List<String> lines = read(data.resolve("MMLU-data/test/astronomy_test.csv"));
        int used = 0;
        for (String line : lines) {
            String[] f = line.split(",");
            if (f.length != 6 || line.contains("\"")) {
                continue;
            }
            List<String> texts = List.of(f[1], f[2], f[3], f[4]);
            String input = f[0] + "\n(A) " + f[1] + "\n(B) " + f[2] + "\n(C) " + f[3] + "\n(D) " + f[4]
                    + "\nWhat's the answer in (A) (B) (C) (D)?";
            choice("mmlu", GradingCatalog.forDataset("mmlu"), f[5].strip(), false, input, texts, cases);
            if (++used == PER_SET) {
                break;
            }
        }
    }

    private static void bbh(Path data, List<Case> cases) {
        for (String task : List.of("date_understanding", "logical_deduction_three_objects", "snarks")) {
            for (JsonNode ex : examples(data, task)) {
                String input = ex.get("input").asText();
                List<String> texts = new ArrayList<>();
                for (String line : input.split("\n")) {
                    if (line.matches("\\([A-Z]\\) .*")) {
                        texts.add(line.substring(4));
                    }
                }
                choice("bbh choice", GradingCatalog.forBbhTask(task), ex.get("target").asText(), true, input, texts, cases);
            }
        }
        for (String task : List.of("object_counting", "multistep_arithmetic_two")) {
            for (JsonNode ex : examples(data, task)) {
                numeric("bbh numeric", GradingCatalog.forBbhTask(task), ex.get("target").asText(), cases);
            }
        }
        for (String task : List.of("navigate", "web_of_lies", "sports_understanding", "causal_judgement")) {
            for (JsonNode ex : examples(data, task)) {
                bool("bbh yes/no", task, ex.get("target").asText(), cases);
            }
        }
        for (JsonNode ex : examples(data, "boolean_expressions")) {
            bool("bbh true/false", "boolean_expressions", ex.get("target").asText(), cases);
        }
        for (JsonNode ex : examples(data, "formal_fallacies")) {
            bool("bbh valid/invalid", "formal_fallacies", ex.get("target").asText(), cases);
        }
        for (JsonNode ex : examples(data, "word_sorting")) {
            wordSorting(ex.get("input").asText(), ex.get("target").asText(), cases);
        }
        for (JsonNode ex : examples(data, "dyck_languages")) {
            dyck(ex.get("input").asText(), ex.get("target").asText(), cases);
        }
    }

    private static void numeric(String kind, GradingSettings s, String target, List<Case> cases) {
        long value = Long.parseLong(target.strip());
        long wrong = value + 1;
        for (String style : NUMERIC_STYLES) {
            cases.add(new Case(kind, s, style.replace("{a}", shown(value)), target, "", true));
            cases.add(new Case(kind, s, style.replace("{a}", shown(wrong)), target, "", false));
        }
        if (Math.abs(value) >= 1000) {
            String grouped = String.format(Locale.ROOT, "%,d", value);
            cases.add(new Case(kind, s, "The answer is $" + grouped + ".00.", target, "", true));
            cases.add(new Case(kind, s, "The answer is $\\boxed{" + grouped.replace(",", "{,}") + "}$", target, "", true));
            cases.add(new Case(kind, s, "\\boxed{" + grouped.replace(",", ",\\!") + "}", target, "", true));
        }
        if (value < 0) {
            cases.add(new Case(kind, s, "The answer is \u2212" + Math.abs(value) + ".", target, "", true));
            cases.add(new Case(kind, s, "The answer is " + Math.abs(value) + ".", target, "", false));
        }
        cases.add(new Case(kind, s, "The answer is \\boxed{\\frac{" + 2 * value + "}{2}}", target, "", true));
        // Deliberate: a decimal is not its rounded integer.
        cases.add(new Case(kind, s, "The answer is " + value + ".5", target, "", false));
        cases.add(new Case(kind, s, "The answer is $" + value + ".00", target, "", true));
    }

    private static String shown(long v) {
        return Math.abs(v) >= 1000 ? String.format(Locale.ROOT, "%,d", v) : Long.toString(v);
    }

    private static void choice(String kind, GradingSettings s, String target, boolean bracketed, String input,
            List<String> texts, List<Case> cases) {
        char letter = target.replace("(", "").replace(")", "").strip().charAt(0);
        int index = letter - 'A';
        int other = index == 0 ? 1 : 0;
        boolean textsUsable = texts.stream().distinct().count() == texts.size();
        for (String style : CHOICE_STYLES) {
            if (style.contains("{X}") && !textsUsable) {
                continue;
            }
            cases.add(new Case(kind, s, style.replace("{L}", "" + letter).replace("{X}", texts.get(index)), target, input, true));
            cases.add(new Case(kind, s, style.replace("{L}", "" + (char) ('A' + other)).replace("{X}", texts.get(other)),
                    target, input, false));
        }
        cases.add(new Case(kind, s, "(" + letter + ") or (" + (char) ('A' + other) + ")", target, input, false));
        cases.add(new Case(kind, s, "I think it is either " + letter + " or " + (char) ('A' + other) + ".", target, input, false));
        String bare = bracketed ? target : "(" + target + ")";
        cases.add(new Case(kind, s, "The answer is " + bare, target, input, true));
    }

    private static void bool(String kind, String task, String target, List<Case> cases) {
        GradingSettings s = GradingCatalog.forBbhTask(task);
        BooleanWords words = s.booleanWords();
        String opposite = target.equalsIgnoreCase(words.trueWord()) ? words.falseWord() : words.trueWord();
        for (String style : BOOLEAN_STYLES) {
            cases.add(new Case(kind, s, fill(style, target), target, "", true));
            cases.add(new Case(kind, s, fill(style, opposite), target, "", false));
        }
        boolean truth = target.equalsIgnoreCase(words.trueWord());
        switch (task) {
            case "navigate" -> {
                cases.add(new Case(kind, s, truth ? "Yes, you return to the starting point." : "No, you do not return to the starting point.", target, "", true));
                cases.add(new Case(kind, s, "We end up 3 steps to the left, so no.", target, "", !truth));
            }
            case "web_of_lies" -> cases.add(new Case(kind, s, (truth ? "Yes" : "No")
                    + ". No one in the chain contradicts this, so the last person " + (truth ? "tells the truth." : "lies."), target, "", true));
            case "sports_understanding" -> cases.add(new Case(kind, s, truth ? "Yes, this is plausible." : "No, that is not plausible.", target, "", true));
            case "causal_judgement" -> {
                cases.add(new Case(kind, s, (truth ? "Yes" : "No") + " - most people would " + (truth ? "" : "not ")
                        + "say so, although no single factor decides it.", target, "", true));
                // Decided: another family's word is not an answer to a Yes/No question.
                cases.add(new Case(kind, s, truth ? "Valid" : "Invalid", target, "", false));
            }
            case "boolean_expressions" -> {
                cases.add(new Case(kind, s, "not True = False, and False and True = " + target + ".", target, "", true));
                cases.add(new Case(kind, s, "The expression evaluates to " + target + ".", target, "", true));
                cases.add(new Case(kind, s, truth ? "Yes" : "No", target, "", false));
            }
            case "formal_fallacies" -> {
                cases.add(new Case(kind, s, truth ? "The argument is deductively valid." : "The argument is not valid.", target, "", true));
                cases.add(new Case(kind, s, truth ? "This argument is not deductively valid." : "The argument is valid.", target, "", false));
                cases.add(new Case(kind, s, truth ? "Yes" : "No", target, "", false));
            }
            default -> {
            }
        }
    }

    private static String fill(String style, String word) {
        return style.replace("{w}", word).replace("{lw}", word.toLowerCase(Locale.ROOT))
                .replace("{uw}", word.toUpperCase(Locale.ROOT));
    }

    private static void wordSorting(String input, String target, List<Case> cases) {
        GradingSettings s = GradingCatalog.forBbhTask("word_sorting");
        String kind = "bbh word_sorting";
        String[] words = target.split(" ");
        List<String> right = new ArrayList<>(TEXT_STYLES.length + 8);
        for (String style : TEXT_STYLES) {
            right.add(style.replace("{t}", target));
        }
        right.add(String.join(", ", words));
        right.add("Sorted alphabetically, the words are: " + String.join(", ", words) + ".");
        right.add("The sorted result is " + target + " and that is all");
        right.add("Here are the words in alphabetical order:\n\n" + String.join("\n", words));
        StringBuilder numbered = new StringBuilder("Sorted list:\n");
        for (int i = 0; i < words.length; i++) {
            numbered.append(i + 1).append(". ").append(words[i]).append('\n');
        }
        right.add(numbered.toString());
        right.add("- " + String.join("\n- ", words));
        for (String output : right) {
            cases.add(new Case(kind, s, output, target, input, true));
        }
        if (words.length >= 2) {
            String swapped = target.replaceFirst(words[0] + " " + words[1], words[1] + " " + words[0]);
            if (!swapped.equals(target)) {
                cases.add(new Case(kind, s, "The sorted list is: " + swapped, target, input, false));
                cases.add(new Case(kind, s, swapped, target, input, false));
            }
            String dropped = target.substring(0, target.lastIndexOf(' '));
            cases.add(new Case(kind, s, dropped, target, input, false));
            cases.add(new Case(kind, s, "The answer is " + dropped + ".", target, input, false));
        }
    }

    private static void dyck(String input, String target, List<Case> cases) {
        GradingSettings s = GradingCatalog.forBbhTask("dyck_languages");
        String kind = "bbh dyck_languages";
        String sequence = input.substring(input.indexOf("Input:") + 6).strip();
        for (String style : TEXT_STYLES) {
            if (!style.contains("sorted")) {
                cases.add(new Case(kind, s, style.replace("{t}", target), target, input, true));
            }
        }
        cases.add(new Case(kind, s, target.replace(" ", ""), target, input, true));
        cases.add(new Case(kind, s, "The closing sequence is " + target, target, input, true));
        cases.add(new Case(kind, s, "The full sequence is " + sequence + " " + target, target, input, true));
        cases.add(new Case(kind, s, "We process the stack from the top and close each bracket in turn.\nSo the answer is " + target,
                target, input, true));
        String wrong = new StringBuilder(target).reverse().toString();
        if (!wrong.replace(" ", "").equals(target.replace(" ", ""))) {
            cases.add(new Case(kind, s, wrong, target, input, false));
            cases.add(new Case(kind, s, "The answer is " + wrong, target, input, false));
        }
        cases.add(new Case(kind, s, target + " )", target, input, false));
    }

    private static List<JsonNode> examples(Path data, String task) {
        JsonNode all = json(data.resolve("BIG-Bench-Hard-data/" + task + ".json")).get("examples");
        List<JsonNode> out = new ArrayList<>();
        for (int i = 0; i < PER_SET && i < all.size(); i++) {
            out.add(all.get(i));
        }
        return out;
    }

    private static List<String> read(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode json(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode jsonLine(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

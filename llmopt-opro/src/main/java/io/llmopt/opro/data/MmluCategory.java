package io.llmopt.opro.data;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * MMLU's four categories and the subject each of its 57 subjects belongs to, via the
 * subcategories of hendrycks/test {@code categories.py}, as the OPRO reference groups them.
 */
public enum MmluCategory {
    STEM("STEM"),
    HUMANITIES("humanities"),
    SOCIAL_SCIENCES("social sciences"),
    OTHER("other (business, health, misc.)");

    private static final Map<String, MmluCategory> SUBJECTS = subjectTable();

    private final String paperName;

    MmluCategory(String paperName) {
        this.paperName = paperName;
    }

    /** The category name the reference's {@code --task} flag takes. */
    public String paperName() {
        return paperName;
    }

    /** Accepts the reference name ({@code social sciences}), the enum name, or a short form ({@code other}). */
    public static MmluCategory fromName(String name) {
        for (MmluCategory c : values()) {
            if (c.paperName.equalsIgnoreCase(name) || c.name().equalsIgnoreCase(name.replace(' ', '_'))) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown MMLU category '" + name
                + "' (expected STEM, humanities, social sciences or other (business, health, misc.))");
    }

    /** The category of a subject such as {@code abstract_algebra}. */
    public static MmluCategory of(String subject) {
        MmluCategory category = SUBJECTS.get(subject);
        if (category == null) {
            throw new IllegalArgumentException("unknown MMLU subject '" + subject + "'");
        }
        return category;
    }

    /** All 57 subjects, alphabetically. */
    public static List<String> allSubjects() {
        return List.copyOf(SUBJECTS.keySet());
    }

    /** This category's subjects, alphabetically. */
    public List<String> subjects() {
        return SUBJECTS.entrySet().stream().filter(e -> e.getValue() == this).map(Map.Entry::getKey).toList();
    }

    private static Map<String, MmluCategory> subjectTable() {
        Map<String, MmluCategory> bySubcategory = new TreeMap<>();
        for (String s : List.of("physics", "chemistry", "biology", "computer science", "math", "engineering")) {
            bySubcategory.put(s, STEM);
        }
        for (String s : List.of("history", "philosophy", "law")) {
            bySubcategory.put(s, HUMANITIES);
        }
        for (String s : List.of("politics", "culture", "economics", "geography", "psychology")) {
            bySubcategory.put(s, SOCIAL_SCIENCES);
        }
        for (String s : List.of("other", "business", "health")) {
            bySubcategory.put(s, OTHER);
        }
        String[][] subjectToSubcategory = {
            {"abstract_algebra", "math"}, {"anatomy", "health"}, {"astronomy", "physics"},
            {"business_ethics", "business"}, {"clinical_knowledge", "health"}, {"college_biology", "biology"},
            {"college_chemistry", "chemistry"}, {"college_computer_science", "computer science"},
            {"college_mathematics", "math"}, {"college_medicine", "health"}, {"college_physics", "physics"},
            {"computer_security", "computer science"}, {"conceptual_physics", "physics"},
            {"econometrics", "economics"}, {"electrical_engineering", "engineering"},
            {"elementary_mathematics", "math"}, {"formal_logic", "philosophy"}, {"global_facts", "other"},
            {"high_school_biology", "biology"}, {"high_school_chemistry", "chemistry"},
            {"high_school_computer_science", "computer science"}, {"high_school_european_history", "history"},
            {"high_school_geography", "geography"}, {"high_school_government_and_politics", "politics"},
            {"high_school_macroeconomics", "economics"}, {"high_school_mathematics", "math"},
            {"high_school_microeconomics", "economics"}, {"high_school_physics", "physics"},
            {"high_school_psychology", "psychology"}, {"high_school_statistics", "math"},
            {"high_school_us_history", "history"}, {"high_school_world_history", "history"},
            {"human_aging", "health"}, {"human_sexuality", "culture"}, {"international_law", "law"},
            {"jurisprudence", "law"}, {"logical_fallacies", "philosophy"},
            {"machine_learning", "computer science"}, {"management", "business"}, {"marketing", "business"},
            {"medical_genetics", "health"}, {"miscellaneous", "other"}, {"moral_disputes", "philosophy"},
            {"moral_scenarios", "philosophy"}, {"nutrition", "health"}, {"philosophy", "philosophy"},
            {"prehistory", "history"}, {"professional_accounting", "other"}, {"professional_law", "law"},
            {"professional_medicine", "health"}, {"professional_psychology", "psychology"},
            {"public_relations", "politics"}, {"security_studies", "politics"}, {"sociology", "culture"},
            {"us_foreign_policy", "politics"}, {"virology", "health"}, {"world_religions", "philosophy"},
        };
        Map<String, MmluCategory> map = new TreeMap<>();
        for (String[] pair : subjectToSubcategory) {
            map.put(pair[0], bySubcategory.get(pair[1]));
        }
        return map;
    }
}

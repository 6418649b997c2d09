package io.llmopt.bpo.template;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A prompt text with {@code {name}} placeholders.
 *
 * <p>Filling happens in one pass over the template, so a value that itself contains
 * {@code {answer_a}} or {@code {context}} (user prompts and model answers often carry braces) is
 * inserted verbatim and never substituted again. The reference fills the judge template with
 * successive {@code str.replace} calls, which differs only in that pathological case.
 */
public final class Template {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z_][a-z_0-9]*)}");

    private final String name;
    private final String text;
    private final Set<String> placeholders;

    public Template(String name, String text) {
        this.name = Objects.requireNonNull(name, "name");
        this.text = Objects.requireNonNull(text, "text");
        Set<String> found = new LinkedHashSet<>();
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            found.add(m.group(1));
        }
        this.placeholders = Set.copyOf(found);
    }

    public String name() {
        return name;
    }

    /** The raw text with its placeholders. */
    public String text() {
        return text;
    }

    public Set<String> placeholders() {
        return placeholders;
    }

    /** The text with every placeholder replaced; every placeholder must have a value. */
    public String render(Map<String, String> values) {
        Objects.requireNonNull(values, "values");
        for (String p : placeholders) {
            if (values.get(p) == null) {
                throw new IllegalArgumentException("template " + name + " needs a value for {" + p + "}");
            }
        }
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder(text.length() + 256);
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(values.get(m.group(1))));
        }
        m.appendTail(out);
        return out.toString();
    }

    @Override
    public String toString() {
        return "Template[" + name + "]";
    }
}

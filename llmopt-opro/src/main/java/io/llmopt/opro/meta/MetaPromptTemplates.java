package io.llmopt.opro.meta;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;

/**
 * The meta-prompt texts, read from {@code templates/meta-prompts.properties} (the reference's
 * wording, attributed in NOTICE), with single-pass {@code {name}} substitution: a value that itself
 * contains {@code {answer}} (a question, say) is inserted literally, never expanded again.
 */
final class MetaPromptTemplates {
    private static final String RESOURCE = "/io/llmopt/opro/templates/meta-prompts.properties";
    private static final Properties TEXTS = load();

    private MetaPromptTemplates() {
    }

    static String text(String key) {
        String value = TEXTS.getProperty(key);
        if (value == null) {
            throw new IllegalStateException("template " + key + " missing from " + RESOURCE);
        }
        return value;
    }

    static String render(String key, Map<String, String> values) {
        String template = text(key);
        StringBuilder out = new StringBuilder(template.length() + 64);
        int i = 0;
        while (i < template.length()) {
            int open = template.indexOf('{', i);
            int close = open < 0 ? -1 : template.indexOf('}', open);
            if (close < 0) {
                out.append(template, i, template.length());
                break;
            }
            String name = template.substring(open + 1, close);
            String value = values.get(name);
            out.append(template, i, open);
            if (value != null) {
                out.append(value);
                i = close + 1;
            } else {
                out.append('{');
                i = open + 1;
            }
        }
        return out.toString();
    }

    private static Properties load() {
        try (InputStream in = MetaPromptTemplates.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            Properties properties = new Properties();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            return properties;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package io.llmopt.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Removes secrets from a configuration tree before it is stored or shown.
 *
 * <p>A field is a secret when its name looks like one ({@code api_key}, {@code apiKey}, {@code key},
 * {@code token}, {@code secret}, {@code password}, {@code Authorization}, ... in any case and at
 * any depth). Names are split into words so that {@code max_tokens}, {@code tokens_per_minute}
 * or {@code api_key_env} (which names a variable, not a key) stay visible. As a second net, a
 * string value that looks like a bearer header or a provider key ({@code sk-...}) is redacted
 * whatever its field is called.
 */
public final class SecretRedactor {

    public static final String REDACTED = "***redacted***";

    private static final Set<String> SECRET_LAST_WORDS = Set.of(
            "secret", "password", "passwd", "passphrase", "authorization", "credential", "credentials", "token", "apikey");
    private static final Set<String> KEY_QUALIFIERS = Set.of(
            "api", "access", "private", "secret", "auth", "client", "signing", "encryption", "session", "x");
    private static final Pattern WORD_BOUNDARY = Pattern.compile("[^A-Za-z0-9]+|(?<=[a-z0-9])(?=[A-Z])");
    private static final Pattern SECRET_VALUE = Pattern.compile(
            "(?i)^(bearer\\s+\\S+|sk-[A-Za-z0-9_\\-]{16,}|hf_[A-Za-z0-9]{20,}|gsk_[A-Za-z0-9]{20,})$");

    private SecretRedactor() {
    }

    /** A deep copy of {@code tree} with every secret value replaced by {@link #REDACTED}. */
    public static JsonNode redact(JsonNode tree) {
        if (tree == null) {
            return null;
        }
        JsonNode copy = tree.deepCopy();
        redactInPlace(copy);
        return copy;
    }

    /** True when the tree holds at least one secret value (used to warn about readable config files). */
    public static boolean containsSecret(JsonNode tree) {
        return !secretPaths(tree).isEmpty();
    }

    /** The dotted paths of the secret values in {@code tree}, for messages; never the values. */
    public static List<String> secretPaths(JsonNode tree) {
        List<String> paths = new ArrayList<>();
        collect(tree, "", paths);
        return paths;
    }

    /** True when a field of this name holds a secret. */
    public static boolean isSecretName(String fieldName) {
        String[] raw = WORD_BOUNDARY.split(fieldName);
        List<String> words = new ArrayList<>();
        for (String w : raw) {
            if (!w.isEmpty()) {
                words.add(w.toLowerCase(Locale.ROOT));
            }
        }
        if (words.isEmpty()) {
            return false;
        }
        String last = words.get(words.size() - 1);
        if (SECRET_LAST_WORDS.contains(last)) {
            return true;
        }
        if (last.equals("key")) {
            return words.size() == 1 || KEY_QUALIFIERS.contains(words.get(words.size() - 2));
        }
        return false;
    }

    /** True when a string value looks like a credential whatever its field is called. */
    public static boolean looksLikeSecretValue(String value) {
        return value != null && SECRET_VALUE.matcher(value.trim()).matches();
    }

    /**
     * Credentials are text (or a structure holding text); a number or a flag under a secret-looking
     * name is a setting, such as {@code penalty_per_output_token: 0.001}, and stays readable.
     */
    private static boolean mayHoldSecret(JsonNode value) {
        return value.isTextual() || value.isContainerNode() || value.isBinary();
    }

    private static void redactInPlace(JsonNode node) {
        if (node instanceof ObjectNode object) {
            for (Map.Entry<String, JsonNode> field : object.properties()) {
                JsonNode value = field.getValue();
                if (isSecretName(field.getKey()) && mayHoldSecret(value)) {
                    field.setValue(TextNode.valueOf(REDACTED));
                } else if (value.isTextual() && looksLikeSecretValue(value.asText())) {
                    field.setValue(TextNode.valueOf(REDACTED));
                } else {
                    redactInPlace(value);
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                JsonNode value = array.get(i);
                if (value.isTextual() && looksLikeSecretValue(value.asText())) {
                    array.set(i, TextNode.valueOf(REDACTED));
                } else {
                    redactInPlace(value);
                }
            }
        }
    }

    private static void collect(JsonNode node, String path, List<String> out) {
        if (node instanceof ObjectNode object) {
            for (Map.Entry<String, JsonNode> field : object.properties()) {
                String child = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
                JsonNode value = field.getValue();
                boolean secret = (isSecretName(field.getKey()) && mayHoldSecret(value))
                        || (value.isTextual() && looksLikeSecretValue(value.asText()));
                if (secret) {
                    out.add(child);
                } else {
                    collect(value, child, out);
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                collect(array.get(i), path + "[" + i + "]", out);
            }
        }
    }
}

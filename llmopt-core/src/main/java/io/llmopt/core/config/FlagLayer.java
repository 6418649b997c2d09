package io.llmopt.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The flags layer from assignments such as {@code roles.scorer=gpt} or
 * {@code models.gpt.max_concurrency=4} (the CLI's {@code --set}); values are read like YAML
 * scalars. A CLI may also build the tree itself and use {@link ConfigTree#of}.
 */
public final class FlagLayer {

    private FlagLayer() {
    }

    public static ConfigTree fromAssignments(List<String> assignments, String flagName) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        Map<String, Origin> origins = new HashMap<>();
        for (String assignment : assignments) {
            int eq = assignment.indexOf('=');
            String key = eq < 0 ? "" : assignment.substring(0, eq).strip();
            if (eq < 0 || key.isEmpty() || key.startsWith(".") || key.endsWith(".") || key.contains("..")) {
                String shown = SecretRedactor.looksLikeSecretValue(assignment) ? SecretRedactor.REDACTED : assignment;
                throw new ConfigException("flag " + flagName + " \"" + shown + "\": expected KEY.PATH=VALUE, e.g. roles.scorer=gpt");
            }
            String[] parts = key.split("\\.");
            refuseSecret(key, parts, flagName);
            Origin origin = new Origin("flag " + flagName + " " + key, 0);
            ObjectNode parent = root;
            String path = "";
            for (int i = 0; i < parts.length - 1; i++) {
                JsonNode child = parent.get(parts[i]);
                parent = child instanceof ObjectNode o ? o : parent.putObject(parts[i]);
                path = path.isEmpty() ? parts[i] : path + "." + parts[i];
                // a mapping the flags create (models.gpt for models.gpt.max_concurrency) comes from the
                // first flag that named it, so an error about it (a missing spec) names that flag and
                // not the layer below; top-level sections exist in the defaults and keep their origin
                if (i > 0) {
                    origins.putIfAbsent(path, origin);
                }
            }
            parent.set(parts[parts.length - 1], ScalarValues.parse(assignment.substring(eq + 1)));
            origins.put(key, origin);
        }
        return new ConfigTree(root, origins);
    }

    /**
     * A key on the command line lands in shell history and in every user's {@code ps}, so a secret
     * is refused here, before it can travel further; the message never repeats the value.
     */
    private static void refuseSecret(String key, String[] parts, String flagName) {
        for (String part : parts) {
            if (SecretRedactor.isSecretName(part)) {
                String model = parts.length == 3 && parts[0].equals("models") ? parts[1] : "NAME";
                throw new ConfigException("flag " + flagName + " " + key + ": API keys are not accepted on the command line"
                        + " (shell history and the process list would show them); export the key in an environment variable"
                        + " and set models." + model + ".api_key_env=VARIABLE, or put it in a file and set models." + model
                        + ".api_key_file=PATH");
            }
        }
    }
}

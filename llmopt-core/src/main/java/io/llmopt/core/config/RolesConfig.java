package io.llmopt.core.config;

import io.llmopt.core.llm.ModelRoles;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Which configured model plays each role; a role left out is not available to runs. */
public record RolesConfig(String optimizer, String scorer, String judge, String rewriter, String responder) {

    /** Role name ({@link ModelRoles}) to model name, for the roles that are set, in a fixed order. */
    public Map<String, String> asMap() {
        Map<String, String> m = new LinkedHashMap<>();
        put(m, ModelRoles.OPTIMIZER, optimizer);
        put(m, ModelRoles.SCORER, scorer);
        put(m, ModelRoles.JUDGE, judge);
        put(m, ModelRoles.REWRITER, rewriter);
        put(m, ModelRoles.RESPONDER, responder);
        return m;
    }

    public Optional<String> modelFor(String role) {
        return Optional.ofNullable(asMap().get(role));
    }

    private static void put(Map<String, String> m, String role, String model) {
        if (model != null) {
            m.put(role, model);
        }
    }
}

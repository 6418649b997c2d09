package io.llmopt.opro.prompt;

import java.util.Locale;

/**
 * The optimizer seed as a user writes it ({@code --optimizer-seed}, {@code opro.optimizer_seed}):
 * a whole number, or {@code none} for optimizer requests that carry no seed, as the reference's do.
 */
public final class OptimizerSeedSetting {

    private OptimizerSeedSetting() {
    }

    /**
     * The base seed, or null for none.
     *
     * @param where the setting's name for the error message, e.g. {@code --optimizer-seed}
     * @throws IllegalArgumentException naming {@code where} when the value is neither
     */
    public static Long parse(String value, String where) {
        String v = value.strip();
        if (v.toLowerCase(Locale.ROOT).equals("none") || v.toLowerCase(Locale.ROOT).equals("null")) {
            return null;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + " must be a whole number or none (requests carry no seed), got '"
                    + value + "'");
        }
    }
}

package io.llmopt.opro.prompt;

/**
 * The optimizer's sampling temperature per step: constant (the paper's 1.0) or the reference's
 * {@code linear_increase} from {@code start} at the first step towards {@code end}.
 *
 * @param start the temperature at the first step
 * @param end   the temperature the linear schedule approaches; equal to {@code start} for a constant one
 */
public record TemperatureSchedule(double start, double end) {

    public TemperatureSchedule {
        check(start, "start");
        check(end, "end");
    }

    private static void check(double t, String what) {
        if (!(t >= 0 && t <= 2)) {
            throw new IllegalArgumentException("optimizer temperature " + what + " must be between 0 and 2, got " + t);
        }
    }

    public static TemperatureSchedule constant(double temperature) {
        return new TemperatureSchedule(temperature, temperature);
    }

    public static TemperatureSchedule linear(double start, double end) {
        return new TemperatureSchedule(start, end);
    }

    public boolean isConstant() {
        return start == end;
    }

    /**
     * The temperature of a search step, as the reference computes it: {@code start + i / n * (end - start)}
     * for the 0-based step {@code i} of {@code n}; so the last step stays just below {@code end}.
     */
    public double at(int zeroBasedStep, int totalSteps) {
        if (isConstant() || totalSteps <= 0) {
            return start;
        }
        return start + (double) zeroBasedStep / totalSteps * (end - start);
    }
}

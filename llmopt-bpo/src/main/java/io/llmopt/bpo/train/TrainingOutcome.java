package io.llmopt.bpo.train;

/**
 * How a hosted training ended, or where it stands when the run stopped following it.
 *
 * @param status         succeeded, failed, cancelled, or stopped (the job goes on at the provider)
 * @param fineTunedModel the new model's provider name when it succeeded, else null
 * @param trainedTokens  tokens the provider billed for training, when known
 * @param error          the provider's reason when it failed, else null
 */
public record TrainingOutcome(String status, String trainingFileId, String jobId, String fineTunedModel,
                              Long trainedTokens, String error) {

    public boolean succeeded() {
        return "succeeded".equals(status);
    }

    public boolean stopped() {
        return "stopped".equals(status);
    }
}

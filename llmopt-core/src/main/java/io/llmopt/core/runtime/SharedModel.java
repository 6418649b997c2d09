package io.llmopt.core.runtime;

import io.llmopt.core.limits.LimitingLanguageModel;
import io.llmopt.core.llm.LanguageModel;
import io.llmopt.core.outage.OutageTolerantLanguageModel;
import io.llmopt.core.retry.RetryingLanguageModel;

/**
 * The lower layers of one configured model (cache → outage → retry → limits → backend), shared by every
 * role and run that uses the model, so its concurrency and rate limits hold across all of them.
 *
 * @param name    the model's name in the configuration
 * @param top     the outermost shared layer, which role stacks wrap
 * @param outage  the layer waiting for a down endpoint, shared so each outage is announced once
 * @param retry   the retry layer, for its counters
 * @param limits  the limits layer, for its counters
 * @param backend the innermost model, closed with the workspace
 */
record SharedModel(String name, LanguageModel top, OutageTolerantLanguageModel outage, RetryingLanguageModel retry, LimitingLanguageModel limits, LanguageModel backend) {
}

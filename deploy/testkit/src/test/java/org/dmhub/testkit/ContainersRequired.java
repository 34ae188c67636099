package org.dmhub.testkit;

import java.util.Optional;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a container test where a Docker engine answers and DM Hub's images were built; elsewhere it is skipped, except
 * under CI ({@code CI=true}), where it fails: CI sets up Docker (.ci/run), so a missing engine there is a fault.
 */
final class ContainersRequired implements ExecutionCondition {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        Optional<String> unavailable = DmHubContainers.unavailableBecause();
        if (unavailable.isEmpty()) {
            return ConditionEvaluationResult.enabled("a Docker engine answers and the images of " + DmHubContainers.VERSION + " are there");
        }
        return skippedOutsideCi(unavailable.get());
    }

    /** Skips for {@code why}, except under CI ({@code CI=true}), where what a container test needs is a fault. */
    static ConditionEvaluationResult skippedOutsideCi(String why) {
        if ("true".equals(System.getenv("CI"))) {
            throw new IllegalStateException("CI=true, but " + why);
        }
        return ConditionEvaluationResult.disabled(why);
    }
}

package org.dmhub.testkit;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs the compose stack's test where Docker Compose v2 and the stack's own images are there; skips it elsewhere,
 * except under CI ({@code CI=true}), where it fails: CI installs Compose (deploy/images/bin/start-docker).
 */
final class ComposeRequired implements ExecutionCondition {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        String missing = missing();
        if (missing == null) {
            return ConditionEvaluationResult.enabled("Docker Compose v2 and the compose stack's images are there");
        }
        return ContainersRequired.skippedOutsideCi(missing);
    }

    private static String missing() {
        if (!succeeds("docker", "compose", "version")) {
            return "no Docker Compose v2 (docker compose version fails)";
        }
        for (String image : List.of("identity-provider", "postgres", "prometheus")) {
            if (!succeeds("docker", "image", "inspect", DmHubContainers.image(image))) {
                return "the image " + DmHubContainers.image(image) + " is not there; deploy/images builds it";
            }
        }
        return null;
    }

    private static boolean succeeds(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (Exception e) {
            return false;
        }
    }
}

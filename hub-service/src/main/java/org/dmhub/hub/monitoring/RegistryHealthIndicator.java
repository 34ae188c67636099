package org.dmhub.hub.monitoring;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.dmhub.contract.RegistrySerdes;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/** DOWN when the schema registry does not answer: the hub could then neither read new schemas nor write its topics. */
@Component("registryHealthIndicator")
class RegistryHealthIndicator extends AbstractHealthIndicator {

    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final String url;

    RegistryHealthIndicator(RegistrySerdes serdes) {
        super("Schema registry health check failed");
        this.url = serdes.registryApiUrl() + "/system/info";
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) throws InterruptedException {
        builder.withDetail("url", url);
        try {
            int status = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
            (status == 200 ? builder.up() : builder.down()).withDetail("status", status);
        } catch (IOException unreachable) {
            builder.down().withDetail("error", unreachable.getClass().getSimpleName()
                    + (unreachable.getMessage() == null ? "" : ": " + unreachable.getMessage()));
        }
    }
}

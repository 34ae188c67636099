package org.dmhub.hub.monitoring;

import org.dmhub.hub.catalog.Catalog;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/** DOWN until a framework with indicators and areas is loaded: without one every observation would be refused. */
@Component("catalogHealthIndicator")
class CatalogHealthIndicator extends AbstractHealthIndicator {

    private final Catalog catalog;

    CatalogHealthIndicator(Catalog catalog) {
        super("Catalog health check failed");
        this.catalog = catalog;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        (catalog.isLoaded() ? builder.up() : builder.down().withDetail("reason",
                "no framework loaded: apply one with POST /api/catalog (deploy/local/dmhub catalog apply FILE)"))
                .withDetail("indicators", catalog.indicators().size())
                .withDetail("areas", catalog.areas().size())
                .withDetail("departments", catalog.departments().size());
        if (catalog.skippedRecords() > 0) {
            // the framework stays usable: a bad record is left out, never a reason to stop
            builder.withDetail("skippedRecords", catalog.skippedRecords()).withDetail("lastSkipped", catalog.lastSkipped());
        }
    }
}

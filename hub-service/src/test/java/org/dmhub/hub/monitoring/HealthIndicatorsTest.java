package org.dmhub.hub.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.dmhub.contract.RegistrySerdes;
import org.dmhub.hub.catalog.Catalog;
import org.dmhub.schemas.AdminArea;
import org.dmhub.schemas.Aggregation;
import org.dmhub.schemas.IndicatorDefinition;
import org.dmhub.schemas.IndicatorKind;
import org.dmhub.schemas.Periodicity;
import org.dmhub.testsupport.RegistryProcess;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

/** The hub is DOWN, with the reason in the details, whenever it cannot do its work. */
class HealthIndicatorsTest {

    @Test
    void downWithoutAFrameworkAndUpOnceOneIsLoaded() {
        Catalog catalog = new Catalog();
        CatalogHealthIndicator indicator = new CatalogHealthIndicator(catalog);

        Health empty = indicator.health(true);
        assertThat(empty.getStatus()).isEqualTo(Status.DOWN);
        assertThat(empty.getDetails().get("reason").toString()).contains("POST /api/catalog");

        catalog.putArea("74", new AdminArea("74", "Bình Dương", "PROVINCE", null));
        catalog.putIndicator("NS-01", IndicatorDefinition.newBuilder().setCode("NS-01").setName("Thu ngân sách").setUnit("tỷ đồng")
                .setPeriodicity(Periodicity.MONTHLY).setAggregation(Aggregation.SUM).setReportingLevel("PROVINCE").setOwner("STC")
                .setKind(IndicatorKind.OPERATIONAL).setValidMin(new BigDecimal("0.000000000000")).build());
        Health loaded = indicator.health(true);
        assertThat(loaded.getStatus()).isEqualTo(Status.UP);
        assertThat(loaded.getDetails()).containsEntry("indicators", 1).containsEntry("areas", 1);
    }

    @Test
    void downWhenTheRegistryDoesNotAnswer() {
        RegistryHealthIndicator indicator = new RegistryHealthIndicator(
                new RegistrySerdes("http://127.0.0.1:" + RegistryProcess.freePort()));

        Health health = indicator.health(true);

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails()).containsKey("error").containsKey("url");
    }

    @Test
    void downWhileTheStreamProcessingHasNotStarted() {
        Health health = new StreamsHealthIndicator(new StreamsBuilderFactoryBean()).health(true);

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails()).containsEntry("state", "NOT_STARTED");
    }
}

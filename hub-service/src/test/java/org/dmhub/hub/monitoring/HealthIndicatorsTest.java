package org.dmhub.hub.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.dmhub.hub.HubProperties;
import java.util.Map;
import org.dmhub.hub.HubTopologyDefaults;
import org.dmhub.hub.supervision.StreamsFailures;
import org.dmhub.hub.supervision.StuckPartitions;
import org.dmhub.contract.RegistrySerdes;
import org.dmhub.hub.catalog.Catalog;
import org.dmhub.schemas.AdminArea;
import org.dmhub.schemas.Aggregation;
import org.dmhub.schemas.IndicatorDefinition;
import org.dmhub.schemas.IndicatorKind;
import org.dmhub.schemas.Periodicity;
import org.dmhub.testsupport.RegistryProcess;
import org.dmhub.testsupport.SettableClock;
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
        Health health = new StreamsHealthIndicator(new StreamsBuilderFactoryBean(), failures(Clock.systemUTC()),
                HubTopologyDefaults.properties()).health(true);

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails()).containsEntry("state", "NOT_STARTED");
    }

    @Test
    void aThreadFailureSeenOnceIsNotReportedAndOneThatRepeatsIs() {
        SettableClock clock = new SettableClock(Instant.parse("2026-12-01T00:00:00Z"));
        StreamsFailures failures = failures(clock);

        failures.threadFailed(new IllegalStateException("topic dmhub.observations.SYT is new"));
        assertThat(failures.recent()).as("once is not a persisting failure").isNull();
        failures.threadFailed(new IllegalStateException("registry away"));
        failures.threadFailed(new IllegalStateException("registry away"));
        assertThat(failures.recent().what()).contains("registry away");
        assertThat(failures.threadReplacements()).isEqualTo(3);

        clock.advance(Duration.ofSeconds(61));
        assertThat(failures.recent()).as("outside the failure window").isNull();
    }

    @Test
    void restartsAfterTheSameErrorWaitLongerAndLongerAndStartOverAfterAQuietWindow() {
        SettableClock clock = new SettableClock(Instant.parse("2026-12-01T00:00:00Z"));
        StreamsFailures failures = failures(clock);

        assertThat(failures.processingStopped("global thread: registry away")).isZero();
        assertThat(failures.processingStopped("global thread: registry away")).isEqualTo(Duration.ofSeconds(1));
        assertThat(failures.processingStopped("global thread: registry away")).isEqualTo(Duration.ofSeconds(2));
        for (int i = 0; i < 10; i++) {
            failures.processingStopped("global thread: registry away");
        }
        assertThat(failures.processingStopped("global thread: registry away")).isEqualTo(Duration.ofSeconds(60));

        clock.advance(Duration.ofSeconds(61));
        assertThat(failures.processingStopped("global thread: registry away")).isZero();
    }

    @Test
    void aPartitionWhoseLagDoesNotGoDownForTheWindowIsStuckOneThatMovesIsNot() {
        StuckPartitions stuck = new StuckPartitions(Duration.ofSeconds(60));
        Instant start = Instant.parse("2026-12-01T00:00:00Z");

        assertThat(stuck.observe(Map.of("dmhub.observations.STC-0", 5L, "dmhub.observations.SYT-0", 100L), start)).isEmpty();
        assertThat(stuck.observe(Map.of("dmhub.observations.STC-0", 5L, "dmhub.observations.SYT-0", 90L), start.plusSeconds(30)))
                .isEmpty();
        assertThat(stuck.observe(Map.of("dmhub.observations.STC-0", 7L, "dmhub.observations.SYT-0", 95L), start.plusSeconds(61)))
                .singleElement().asString().startsWith("dmhub.observations.STC-0 (7 records waiting since 2026-12-01T00:00:00Z)");
        assertThat(stuck.observe(Map.of("dmhub.observations.STC-0", 0L, "dmhub.observations.SYT-0", 95L), start.plusSeconds(62)))
                .as("all read: no longer stuck; SYT went down at 30 s").isEmpty();
        assertThat(stuck.observe(Map.of("dmhub.observations.SYT-0", 95L), start.plusSeconds(91))).singleElement().asString()
                .startsWith("dmhub.observations.SYT-0");
        assertThat(stuck.observe(Map.of(), start.plusSeconds(92))).as("no longer assigned here").isEmpty();
    }

    private static StreamsFailures failures(Clock clock) {
        return new StreamsFailures(new HubProperties.Health(Duration.ofSeconds(60), Duration.ofSeconds(1), Duration.ofSeconds(60)),
                new SimpleMeterRegistry(), clock);
    }
}

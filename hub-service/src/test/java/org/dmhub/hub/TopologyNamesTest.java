package org.dmhub.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.kafka.streams.TopologyDescription;
import org.dmhub.hub.support.StoreDefinition;
import org.dmhub.hub.support.StoreKind;
import org.junit.jupiter.api.Test;

/**
 * The names in the hub's topology are part of its upgrade compatibility: a store renamed, or a repartition topic,
 * starts empty on upgrade (its changelog or topic is another one), and the state of every instance is lost. A
 * change to these names must be deliberate, with a migration; the architecture map shows the rest.
 */
class TopologyNamesTest {

    private static final Path ARCHITECTURE = Path.of("..", "docs", "architecture.md");

    private final TopologyDescription description = HubTopologyDefaults.topology().describe();

    @Test
    void storesKeepTheNamesTheirChangelogsHave() {
        assertThat(TopologyDocument.stores(description)).containsExactly(
                "catalog-areas", "catalog-departments", "catalog-indicators", "consolidated", "derived-inputs",
                "derived-rollups-pending", "derived-values-published", "over-time-inputs", "over-time-rollups-pending",
                "over-time-values-published", "recent-rejections", "reconciliations", "reporting-status",
                "rollups-pending", "values-published");
    }

    @Test
    void everyStoreOfTheTopologyIsInTheRegistryAndNoOther() {
        assertThat(HubStores.of(StoreKind.IN_MEMORY).all()).extracting(StoreDefinition::name)
                .containsExactlyInAnyOrderElementsOf(TopologyDocument.stores(description));
    }

    @Test
    void repartitionTopicsKeepTheirNames() {
        assertThat(TopologyDocument.repartitionTopics(description)).containsExactly(
                "by-derived-indicator-period-repartition", "by-indicator-period-repartition", "by-indicator-year-repartition",
                "consolidation-reconciliation-inputs-repartition", "consolidation-rejections-feed-repartition",
                "derivation-reconciliation-inputs-repartition", "over-time-reconciliation-inputs-repartition",
                "validation-rejections-feed-repartition");
    }

    @Test
    void theArchitectureMapShowsTheTopologyAsItIs() throws IOException {
        String document = Files.readString(ARCHITECTURE);
        String generated = TopologyDocument.START + "\n" + TopologyDocument.markdown(description) + TopologyDocument.END;
        Path expected = Path.of("target", "architecture.md");
        int start = document.indexOf(TopologyDocument.START);
        int end = document.indexOf(TopologyDocument.END);
        String current = start < 0 || end < start ? "" : document.substring(start, end + TopologyDocument.END.length());
        if (!current.equals(generated)) {
            Files.writeString(expected, start < 0 || end < start ? document + "\n" + generated + "\n"
                    : document.substring(0, start) + generated + document.substring(end + TopologyDocument.END.length()));
        }
        assertThat(current).as("docs/architecture.md shows another topology than HubTopology builds: if the change is meant, "
                + "copy hub-service/target/architecture.md over it (and read the names above: stores and repartition topics "
                + "are upgrade compatibility)").isEqualTo(generated);
    }
}

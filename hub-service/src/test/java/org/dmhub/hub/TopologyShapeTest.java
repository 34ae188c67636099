package org.dmhub.hub;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TopologyDescription;
import org.dmhub.contract.RegistrySerdes;
import org.dmhub.contract.Topics;
import org.dmhub.hub.catalog.Catalog;
import org.dmhub.hub.support.HubMetrics;
import org.dmhub.hub.support.StoreKind;
import org.junit.jupiter.api.Test;

/**
 * The shape of the topology that keeps department topics free: they may have any number of partitions, and topics
 * of new departments may appear at any time, only because nothing stateful or co-partitioned shares their
 * sub-topology.
 */
class TopologyShapeTest {

    @Test
    void theDepartmentTopicsSubTopologyHasNoStoreAndNoOtherSource() {
        StreamsBuilder builder = new StreamsBuilder();
        Catalog catalog = new Catalog();
        new HubTopology(Topics.withDefaultPrefix(), new RegistrySerdes("http://127.0.0.1:1"), catalog,
                new HubMetrics(new SimpleMeterRegistry()), HubStores.of(StoreKind.IN_MEMORY),
                new HubProperties.Rollup(Duration.ofSeconds(1), StoreKind.IN_MEMORY, 0),
                HubTopologyDefaults.REPORTING, HubTopologyDefaults.reportingStatuses(catalog), HubTopologyDefaults.LIMITS,
                department -> true, 6).addTo(builder);

        List<TopologyDescription.Subtopology> departmentSide = builder.build().describe().subtopologies().stream()
                .filter(subtopology -> subtopology.nodes().stream().anyMatch(node -> node instanceof TopologyDescription.Source source
                        && source.topicPattern() != null))
                .toList();

        assertThat(departmentSide).hasSize(1);
        assertThat(departmentSide.get(0).nodes()).allSatisfy(node -> {
            if (node instanceof TopologyDescription.Processor processor) {
                assertThat(processor.stores()).as(processor.name()).isEmpty();
            }
            if (node instanceof TopologyDescription.Source source) {
                assertThat(source.topicPattern()).as(source.name() + " reads only the department topics").isNotNull();
            }
        });
    }
}

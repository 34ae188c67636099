package org.dmhub.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.Test;

/**
 * The shape of the topology that keeps department topics free: they may have any number of partitions, and topics
 * of new departments may appear at any time, only because nothing stateful or co-partitioned shares their
 * sub-topology.
 */
class TopologyShapeTest {

    @Test
    void theDepartmentTopicsSubTopologyHasNoStoreAndNoOtherSource() {
        List<TopologyDescription.Subtopology> departmentSide = HubTopologyDefaults.topology().describe().subtopologies().stream()
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

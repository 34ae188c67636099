package org.dmhub.hub;

import org.apache.kafka.streams.StreamsBuilder;
import org.dmhub.hub.catalog.CatalogTables;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/** The hub's Kafka Streams topology, step by step along the data's journey. */
@Component
class HubTopology {

    private final CatalogTables catalogTables;

    HubTopology(CatalogTables catalogTables) {
        this.catalogTables = catalogTables;
    }

    @Autowired
    void build(StreamsBuilder builder) {
        // the framework: indicators, areas and departments, replicated in full on every instance
        catalogTables.addTo(builder);
    }
}

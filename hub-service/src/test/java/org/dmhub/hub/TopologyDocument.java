package org.dmhub.hub;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.kafka.streams.TopologyDescription;

/**
 * The hub's topology as the Markdown of docs/architecture.md: each sub-topology's nodes in the order records pass
 * them, with the topics they read and write and the stores they use. Written from {@code topology.describe()}, so
 * that the map cannot drift from the code.
 */
final class TopologyDocument {

    static final String START = "<!-- topology: generated from HubTopology by TopologyNamesTest; do not edit by hand -->";
    static final String END = "<!-- end of topology -->";

    private TopologyDocument() {
    }

    static String markdown(TopologyDescription description) {
        StringBuilder text = new StringBuilder();
        for (TopologyDescription.GlobalStore global : sortedGlobalStores(description)) {
            text.append("**Global store `").append(global.processor().stores().iterator().next()).append("`** (every instance, no changelog): ")
                    .append("`").append(global.source().name()).append("` reads ").append(topicsOf(global.source()))
                    .append(" → `").append(global.processor().name()).append("`\n\n");
        }
        for (TopologyDescription.Subtopology subtopology : sortedSubtopologies(description)) {
            text.append("**Sub-topology ").append(subtopology.id()).append("**\n\n");
            text.append("| node | kind | reads | writes | stores |\n|---|---|---|---|---|\n");
            for (TopologyDescription.Node node : inRecordOrder(subtopology)) {
                text.append("| `").append(node.name()).append("` | ").append(kind(node)).append(" | ")
                        .append(node instanceof TopologyDescription.Source source ? topicsOf(source) : "").append(" | ")
                        .append(node instanceof TopologyDescription.Sink sink ? topicOf(sink) : "").append(" | ")
                        .append(node instanceof TopologyDescription.Processor processor ? codes(new TreeSet<>(processor.stores())) : "")
                        .append(" |\n");
            }
            text.append('\n');
        }
        return text.toString();
    }

    /** Every store of the topology, global stores included, in name order. */
    static Set<String> stores(TopologyDescription description) {
        Set<String> stores = new TreeSet<>();
        description.globalStores().forEach(global -> stores.addAll(global.processor().stores()));
        description.subtopologies().forEach(subtopology -> subtopology.nodes().forEach(node -> {
            if (node instanceof TopologyDescription.Processor processor) {
                stores.addAll(processor.stores());
            }
        }));
        return stores;
    }

    /** The topics the hub writes and reads itself (repartition topics), without the application id Kafka Streams prefixes. */
    static Set<String> repartitionTopics(TopologyDescription description) {
        return description.subtopologies().stream().flatMap(subtopology -> subtopology.nodes().stream())
                .filter(node -> node instanceof TopologyDescription.Sink)
                .map(node -> ((TopologyDescription.Sink) node).topic())
                .filter(topic -> topic != null && topic.endsWith("-repartition"))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static List<TopologyDescription.GlobalStore> sortedGlobalStores(TopologyDescription description) {
        return description.globalStores().stream()
                .sorted(Comparator.comparing(global -> global.source().name())).toList();
    }

    private static List<TopologyDescription.Subtopology> sortedSubtopologies(TopologyDescription description) {
        return description.subtopologies().stream().sorted(Comparator.comparingInt(TopologyDescription.Subtopology::id)).toList();
    }

    /** Sources first, then each node after the nodes it reads from (breadth first, children in name order). */
    private static List<TopologyDescription.Node> inRecordOrder(TopologyDescription.Subtopology subtopology) {
        Set<TopologyDescription.Node> ordered = new LinkedHashSet<>();
        Deque<TopologyDescription.Node> next = new ArrayDeque<>();
        subtopology.nodes().stream().filter(node -> node.predecessors().isEmpty())
                .sorted(Comparator.comparing(TopologyDescription.Node::name)).forEach(next::add);
        while (!next.isEmpty()) {
            TopologyDescription.Node node = next.poll();
            if (ordered.add(node)) {
                node.successors().stream().sorted(Comparator.comparing(TopologyDescription.Node::name)).forEach(next::add);
            }
        }
        return new ArrayList<>(ordered);
    }

    private static String kind(TopologyDescription.Node node) {
        if (node instanceof TopologyDescription.Source) {
            return "source";
        }
        return node instanceof TopologyDescription.Sink ? "sink" : "processor";
    }

    private static String topicsOf(TopologyDescription.Source source) {
        if (source.topicPattern() != null) {
            return "`" + source.topicPattern().pattern() + "` (pattern)";
        }
        return codes(new TreeSet<>(source.topicSet()));
    }

    private static String topicOf(TopologyDescription.Sink sink) {
        return sink.topic() != null ? "`" + sink.topic() + "`" : "chosen per record";
    }

    private static String codes(Set<String> names) {
        return names.stream().map(name -> "`" + name + "`").collect(Collectors.joining(", "));
    }
}

package org.dmhub.hub.support;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.BranchedKStream;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;

/**
 * The records a processor stage forwards, split into one typed stream per {@link StageOutput}: the topology wires
 * each to where it goes as what it is. The split is one node ({@code <stage>-}) with a branch per output
 * ({@code <stage>-<output>}).
 */
public final class StageOutputs {

    private final String stage;
    private final Map<StageOutput<?>, KStream<String, SpecificRecord>> streams = new HashMap<>();

    private StageOutputs(String stage) {
        this.stage = stage;
    }

    /**
     * @param outputs every output the stage forwards to, the most frequent first (each record is tested in this order);
     *     a record of none of their types would go nowhere, so a stage lists every type it forwards (the topology
     *     tests send each kind through)
     */
    public static StageOutputs split(KStream<String, SpecificRecord> forwarded, String stage, List<StageOutput<?>> outputs) {
        StageOutputs split = new StageOutputs(stage);
        BranchedKStream<String, SpecificRecord> branches = forwarded.split(Named.as(stage + "-"));
        for (StageOutput<?> output : outputs) {
            branches = branches.branch((key, value) -> output.type().isInstance(value),
                    Branched.withConsumer(stream -> split.streams.put(output, stream), output.name()));
        }
        branches.noDefaultBranch();
        return split;
    }

    /** The stage's records of this output, as their own type. */
    @SuppressWarnings("unchecked")
    public <V extends SpecificRecord> KStream<String, V> of(StageOutput<V> output) {
        KStream<String, SpecificRecord> stream = streams.get(output);
        if (stream == null) {
            throw new IllegalArgumentException(stage + " has no output " + output.name());
        }
        // the branch holds only records of the output's type: its predicate is that type's isInstance
        return (KStream<String, V>) (KStream<String, ?>) stream;
    }
}

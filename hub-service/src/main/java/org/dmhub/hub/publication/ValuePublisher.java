package org.dmhub.hub.publication;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.dmhub.contract.RecordKeys;
import org.dmhub.hub.aggregation.AreaResult;
import org.dmhub.hub.catalog.AreaTree;
import org.dmhub.hub.aggregation.Rollup;
import org.dmhub.hub.aggregation.UnitInput;
import org.dmhub.hub.catalog.CatalogSnapshot;
import org.dmhub.hub.reconciliation.ReconciliationInput;
import org.dmhub.hub.reconciliation.ReconciliationInputs;
import org.dmhub.hub.support.StageOutput;
import org.dmhub.schemas.AdminArea;
import org.dmhub.schemas.AreaValue;
import org.dmhub.schemas.IndicatorDefinition;
import org.dmhub.schemas.NationalAggregate;

/**
 * Rolls one indicator and period up the area tree and publishes the areas whose value, contributing or expected
 * count changed since last published, each with its key's next revision: to the view, at province level to the
 * national topic when the indicator has a national code, and to the reconciliation when it is a side of a
 * statistical link ({@link ReconciliationInputs}).
 */
public final class ValuePublisher {

    /** Room for a trillion changes of one key within one generation of the view. */
    public static final long REVISIONS_PER_GENERATION = 1_000_000_000_000L;

    /** Values of the provincial view, keyed {@code indicator|area|period}. */
    public static final StageOutput<AreaValue> VIEW_VALUES = new StageOutput<>("view-values", AreaValue.class);
    /** Province values of indicators with a national code, for the Government Office's systems. */
    public static final StageOutput<NationalAggregate> NATIONAL_AGGREGATES = new StageOutput<>("national-aggregates",
            NationalAggregate.class);

    /** What a roll-up stage forwards, the most frequent first. */
    public static final List<StageOutput<?>> OUTPUTS = List.of(VIEW_VALUES, NATIONAL_AGGREGATES, ReconciliationInputs.OUTPUT);

    private final KeyValueStore<String, PublishedValues> published;
    private final ProcessorContext<String, SpecificRecord> context;
    private final long firstRevision;

    /**
     * @param viewGeneration how many times the view has been rebuilt from the observation topics: a key's first
     *     revision in generation g is g·10^12 + 1, so that revisions keep increasing across a rebuild
     */
    public ValuePublisher(KeyValueStore<String, PublishedValues> published, ProcessorContext<String, SpecificRecord> context,
            int viewGeneration) {
        this.published = published;
        this.context = context;
        this.firstRevision = viewGeneration * REVISIONS_PER_GENERATION + 1;
    }

    /** How many values a roll-up published: to the view, and of those to the national topic too. */
    public record Published(int values, int nationalAggregates) {
    }

    /** Rolls the indicator-period up the area tree from its reporting units' inputs, and publishes what changed. */
    public Published publish(CatalogSnapshot framework, IndicatorDefinition indicator, String period, Map<String, UnitInput> inputs) {
        String unitLevel = framework.unitLevel(indicator).orElse(null);
        if (unitLevel == null) {
            return new Published(0, 0);
        }
        BigDecimal factor = indicator.getFactor() == null ? BigDecimal.ONE : indicator.getFactor();
        return publishResults(framework, indicator, period,
                Rollup.compute(indicator.getAggregation(), factor, framework.areaTree(), unitLevel, inputs), false);
    }

    /**
     * Publishes the areas of a roll-up whose value, contributing or expected count changed since last published.
     *
     * @param rolledUpOverTime whether the period is a span the values were rolled up over (a quarter of a monthly indicator)
     */
    public Published publishResults(CatalogSnapshot framework, IndicatorDefinition indicator, String period,
            Map<String, AreaResult> results, boolean rolledUpOverTime) {
        AreaTree tree = framework.areaTree();
        String storeKey = indicator.getCode() + RecordKeys.SEPARATOR + period;
        PublishedValues before = published.get(storeKey);
        Map<String, PublishedArea> after = new HashMap<>(before == null ? Map.of() : before.getAreas());
        long now = context.currentSystemTimeMs();
        int count = 0;
        int national = 0;
        for (Map.Entry<String, AreaResult> entry : results.entrySet()) {
            String areaCode = entry.getKey();
            AreaResult result = entry.getValue();
            PublishedArea last = after.get(areaCode);
            if (last != null && result.sameAs(last.getValue(), last.getContributing(), last.getExpected())) {
                continue;
            }
            AdminArea area = tree.area(areaCode).orElse(null);
            if (area == null) {
                continue;
            }
            long revision = last == null ? firstRevision : last.getRevision() + 1;
            after.put(areaCode, new PublishedArea(result.value(), result.contributing(), result.expected(), revision));
            national += forwardValue(indicator, period, area, result, revision, now, rolledUpOverTime) ? 1 : 0;
            for (KeyValue<String, ReconciliationInput> input : ReconciliationInputs.of(framework, indicator, areaCode, period, result)) {
                context.forward(new Record<>(input.key, input.value, now));
            }
            count++;
        }
        if (count > 0) {
            published.put(storeKey, new PublishedValues(after));
        }
        return new Published(count, national);
    }

    /** @return whether the value went to the national topic too */
    private boolean forwardValue(IndicatorDefinition indicator, String period, AdminArea area, AreaResult result, long revision,
            long now, boolean rolledUpOverTime) {
        String key = RecordKeys.valueKey(indicator.getCode(), area.getCode(), period);
        Instant computedAt = Instant.ofEpochMilli(now);
        // setters, not Avro's builder: the builder deep-copies and validates every field, a measurable cost here
        AreaValue value = new AreaValue();
        value.setIndicator(indicator.getCode());
        value.setNationalCode(indicator.getNationalCode());
        value.setArea(area.getCode());
        value.setAreaLevel(area.getLevel());
        value.setPeriod(period);
        value.setValue(result.value());
        value.setUnit(indicator.getUnit());
        value.setAggregation(indicator.getAggregation());
        value.setContributing(result.contributing());
        value.setExpected(result.expected());
        value.setCompleteness(result.completeness());
        value.setRevision(revision);
        value.setComputedAt(computedAt);
        value.setAreaName(area.getName());
        value.setIndicatorName(indicator.getName());
        value.setRolledUpOverTime(rolledUpOverTime);
        context.forward(new Record<>(key, value, now));
        if (indicator.getNationalCode() != null && area.getParentCode() == null) {
            NationalAggregate aggregate = new NationalAggregate();
            aggregate.setIndicator(indicator.getCode());
            aggregate.setNationalCode(indicator.getNationalCode());
            aggregate.setArea(area.getCode());
            aggregate.setPeriod(period);
            aggregate.setValue(result.value());
            aggregate.setUnit(indicator.getUnit());
            aggregate.setAggregation(indicator.getAggregation());
            aggregate.setContributing(result.contributing());
            aggregate.setExpected(result.expected());
            aggregate.setCompleteness(result.completeness());
            aggregate.setRevision(revision);
            aggregate.setComputedAt(computedAt);
            aggregate.setProvinceName(area.getName());
            aggregate.setIndicatorName(indicator.getName());
            aggregate.setRolledUpOverTime(rolledUpOverTime);
            context.forward(new Record<>(key, aggregate, now));
            return true;
        }
        return false;
    }
}

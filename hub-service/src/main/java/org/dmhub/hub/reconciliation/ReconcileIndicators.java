package org.dmhub.hub.reconciliation;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.dmhub.contract.RecordKeys;
import org.dmhub.hub.aggregation.AreaResult;
import org.dmhub.hub.catalog.Catalog;
import org.dmhub.hub.catalog.CatalogSnapshot;
import org.dmhub.hub.support.HubMetrics;
import org.dmhub.hub.support.StageOutput;
import org.dmhub.hub.support.StoreDefinition;
import org.dmhub.schemas.AdminArea;
import org.dmhub.schemas.IndicatorDefinition;
import org.dmhub.schemas.Reconciliation;
import org.dmhub.schemas.ReconciliationStatus;
import org.dmhub.validation.Decimals;

/**
 * The reconciliation stage: the values the roll-ups publish of both sides of each statistical link
 * ({@link ReconciliationInputs}), keyed {@code operating|statistical|area|period}, compared ({@link Comparison}) and
 * published to the reconciliation topic whenever the comparison changes, with its key's next revision. The stored
 * comparisons are checked again against the framework every recheck interval, so that a changed tolerance or factor
 * reaches them without waiting for a new value.
 */
public final class ReconcileIndicators implements ProcessorSupplier<String, ReconciliationInput, String, SpecificRecord> {

    /** Each link's comparison for one area and period, keyed {@code operating|statistical|area|period}. */
    public static final StageOutput<Reconciliation> RECONCILIATIONS = new StageOutput<>("reconciliations", Reconciliation.class);
    public static final List<StageOutput<?>> OUTPUTS = List.of(RECONCILIATIONS);

    /**
     * @param defaultTolerance the tolerance of a link that names none ({@code dmhub.reconciliation.default-tolerance})
     * @param recheckInterval how often every stored comparison is checked against the framework again
     * @param viewGeneration how many times the view has been rebuilt: revisions start at generation·10^12 + 1, as the view's
     */
    public record Settings(Catalog catalog, HubMetrics metrics, BigDecimal defaultTolerance, Duration recheckInterval,
            int viewGeneration) {
    }

    private final StoreDefinition<ReconciliationState> store;
    private final Settings settings;

    /** @param store both sides of every link, area and period, with what was last published of them */
    public ReconcileIndicators(StoreDefinition<ReconciliationState> store, Settings settings) {
        this.store = store;
        this.settings = settings;
    }

    @Override
    public Set<StoreBuilder<?>> stores() {
        return Set.of(store.builder());
    }

    @Override
    public Processor<String, ReconciliationInput, String, SpecificRecord> get() {
        return new Reconciler();
    }

    /** The parts of a reconciliation key; empty when it is not one. */
    static Optional<String[]> keyParts(String key) {
        String[] parts = key.split(Pattern.quote(RecordKeys.SEPARATOR), -1);
        return parts.length == 4 ? Optional.of(parts) : Optional.empty();
    }

    /** The operating side as the comparison takes it; null when the operating indicator has no value there yet. */
    static AreaResult operating(ReconciliationState state) {
        OperatingSide side = state.getOperating();
        return side == null ? null : new AreaResult(side.getValue(), side.getContributing(), side.getExpected());
    }

    private final class Reconciler implements Processor<String, ReconciliationInput, String, SpecificRecord> {
        private ProcessorContext<String, SpecificRecord> context;
        private KeyValueStore<String, ReconciliationState> states;
        private String task;
        private final Map<String, Integer> divergentByDepartment = new HashMap<>();
        private long firstRevision;

        @Override
        public void init(ProcessorContext<String, SpecificRecord> context) {
            this.context = context;
            this.states = store.in(context);
            this.task = context.taskId().toString();
            this.firstRevision = settings.viewGeneration() * 1_000_000_000_000L + 1;
            try (KeyValueIterator<String, ReconciliationState> all = states.all()) {
                all.forEachRemaining(entry -> count(entry.value.getPublished(), 1));
            }
            settings.metrics().divergentReconciliations(task, divergentByDepartment);
            context.schedule(settings.recheckInterval(), PunctuationType.WALL_CLOCK_TIME, now -> recheck());
        }

        @Override
        public void process(Record<String, ReconciliationInput> record) {
            if (keyParts(record.key()).isEmpty()) {
                return; // the roll-ups forward reconciliation keys only: nothing else is written to these topics
            }
            ReconciliationInput input = record.value();
            ReconciliationState known = states.get(record.key());
            ReconciliationState state = known == null ? new ReconciliationState(null, null, null)
                    : new ReconciliationState(known.getOperating(), known.getStatistical(), known.getPublished());
            if (input.getStatistical()) {
                state.setStatistical(input.getValue());
            } else {
                state.setOperating(new OperatingSide(input.getValue(), input.getContributing(), input.getExpected()));
            }
            reconcile(record.key(), state, settings.catalog().snapshot());
            states.put(record.key(), state);
        }

        @Override
        public void close() {
            settings.metrics().divergentReconciliations(task, Map.of());
        }

        private void recheck() {
            CatalogSnapshot framework = settings.catalog().snapshot();
            List<KeyValue<String, ReconciliationState>> changed = new ArrayList<>();
            List<KeyValue<String, ReconciliationState>> gone = new ArrayList<>();
            try (KeyValueIterator<String, ReconciliationState> all = states.all()) {
                all.forEachRemaining(entry -> {
                    if (link(entry.key, framework).isEmpty()) {
                        gone.add(entry);
                    } else if (reconcile(entry.key, entry.value, framework)) {
                        changed.add(entry);
                    }
                });
            }
            changed.forEach(entry -> states.put(entry.key, entry.value));
            // a link (or area) no longer in the framework: its last record stays on the topic; it is no longer kept,
            // listed or counted
            for (KeyValue<String, ReconciliationState> entry : gone) {
                count(entry.value.getPublished(), -1);
                states.delete(entry.key);
            }
            if (!gone.isEmpty()) {
                settings.metrics().divergentReconciliations(task, divergentByDepartment);
            }
        }

        /** The link and area of a key, when both are still in the framework. */
        private Optional<CatalogSnapshot.StatisticalLink> link(String key, CatalogSnapshot framework) {
            String[] parts = keyParts(key).orElseThrow();
            if (framework.area(parts[2]).isEmpty()) {
                return Optional.empty();
            }
            return framework.statisticalLinksOf(parts[0]).stream()
                    .filter(candidate -> candidate.statistical().getCode().equals(parts[1])).findFirst();
        }

        /** Compares both sides and publishes the comparison when it changed; @return whether it was published */
        private boolean reconcile(String key, ReconciliationState state, CatalogSnapshot framework) {
            String[] parts = keyParts(key).orElseThrow();
            Optional<CatalogSnapshot.StatisticalLink> link = link(key, framework);
            if (link.isEmpty()) {
                return false; // a link or area removed from the framework: the next recheck forgets it
            }
            Optional<AdminArea> area = framework.area(parts[2]);
            BigDecimal factor = Decimals.toWireScale(link.get().factor());
            Comparison comparison = Comparison.of(operating(state), factor, state.getStatistical(),
                    Decimals.toWireScale(link.get().tolerance(settings.defaultTolerance())));
            IndicatorDefinition operating = link.get().operating();
            PublishedReconciliation last = state.getPublished();
            if (last != null && sameAs(last, comparison, factor, operating.getOwner())) {
                return false;
            }
            long now = context.currentSystemTimeMs();
            PublishedReconciliation published = new PublishedReconciliation(comparison.operating(), comparison.statistical(),
                    comparison.difference(), comparison.relativeDifference(), comparison.tolerance(), factor,
                    comparison.operatingCompleteness(), comparison.status().name(), operating.getOwner(),
                    last == null ? firstRevision : last.getRevision() + 1, now);
            count(last, -1);
            count(published, 1);
            settings.metrics().divergentReconciliations(task, divergentByDepartment);
            state.setPublished(published);
            context.forward(new Record<>(key, reconciliation(link.get(), area.get(), parts[3], published), now));
            return true;
        }

        /** Counts a published reconciliation in (1) or out (-1); every department with one has a gauge, 0 or more. */
        private void count(PublishedReconciliation published, int change) {
            if (published != null) {
                boolean divergent = ReconciliationStatus.DIVERGENT.name().equals(published.getStatus());
                divergentByDepartment.merge(published.getDepartment(), divergent ? change : 0, Integer::sum);
            }
        }
    }

    private static boolean sameAs(PublishedReconciliation last, Comparison now, BigDecimal factor, String department) {
        return same(last.getOperatingValue(), now.operating()) && same(last.getStatisticalValue(), now.statistical())
                && same(last.getTolerance(), now.tolerance()) && same(last.getFactor(), factor)
                && same(last.getOperatingCompleteness(), now.operatingCompleteness())
                && last.getStatus().equals(now.status().name()) && last.getDepartment().equals(department);
    }

    private static boolean same(BigDecimal a, BigDecimal b) {
        return a == null ? b == null : b != null && a.compareTo(b) == 0;
    }

    static Reconciliation reconciliation(CatalogSnapshot.StatisticalLink link, AdminArea area, String period,
            PublishedReconciliation published) {
        // setters, not Avro's builder: the builder deep-copies and validates every field
        Reconciliation record = new Reconciliation();
        record.setOperatingIndicator(link.operating().getCode());
        record.setStatisticalIndicator(link.statistical().getCode());
        record.setDepartment(published.getDepartment());
        record.setArea(area.getCode());
        record.setAreaLevel(area.getLevel());
        record.setPeriod(period);
        record.setOperatingValue(published.getOperatingValue());
        record.setStatisticalValue(published.getStatisticalValue());
        record.setDifference(published.getDifference());
        record.setRelativeDifference(published.getRelativeDifference());
        record.setTolerance(published.getTolerance());
        record.setFactor(published.getFactor());
        record.setStatus(ReconciliationStatus.valueOf(published.getStatus()));
        record.setOperatingCompleteness(published.getOperatingCompleteness());
        record.setRevision(published.getRevision());
        record.setComputedAt(Instant.ofEpochMilli(published.getComputedAt()));
        record.setAreaName(area.getName());
        record.setOperatingName(link.operating().getName());
        record.setStatisticalName(link.statistical().getName());
        return record;
    }
}

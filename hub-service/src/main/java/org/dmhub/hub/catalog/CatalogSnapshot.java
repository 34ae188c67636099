package org.dmhub.hub.catalog;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.dmhub.schemas.AdminArea;
import org.dmhub.schemas.Aggregation;
import org.dmhub.schemas.Department;
import org.dmhub.schemas.IndicatorDefinition;
import org.dmhub.validation.CatalogLookup;

/**
 * The framework at one moment, never changed: a catalog record that arrives makes a new snapshot, which replaces
 * this one whole ({@link Catalog}). A stream thread takes one snapshot per record or roll-up, so that everything it
 * decides there sees one framework. What is derived from the framework (the area tree, which roll-ups an
 * indicator feeds) is worked out once per snapshot, when first asked for.
 */
public final class CatalogSnapshot implements CatalogLookup {

    /** An indicator whose values feed the roll-up of {@code target} in the derivation stage: as its value (or numerator), or as its companion. */
    public record DerivedInput(String target, boolean companion) {
    }

    /**
     * An operating indicator and the STATISTICAL one it is compared with ({@code statisticalLink}), both active.
     */
    public record StatisticalLink(IndicatorDefinition operating, IndicatorDefinition statistical) {

        /** The link's multiplier from the operating unit to the statistical one: 1 unless the framework names one. */
        public BigDecimal factor() {
            return operating.getStatisticalFactor() == null ? BigDecimal.ONE : operating.getStatisticalFactor();
        }

        /** The largest relative difference still consistent: the framework's, or {@code byDefault}. */
        public BigDecimal tolerance(BigDecimal byDefault) {
            return operating.getStatisticalTolerance() == null ? byDefault : operating.getStatisticalTolerance();
        }
    }

    static final CatalogSnapshot EMPTY = new CatalogSnapshot(Map.of(), Map.of(), Map.of());

    private final Map<String, IndicatorDefinition> indicators;
    private final Map<String, AdminArea> areas;
    private final Map<String, Department> departments;
    private final Supplier<AreaTree> tree;
    private final Supplier<Map<String, List<DerivedInput>>> derivedInputs;
    private final Supplier<Map<String, List<StatisticalLink>>> linksByIndicator;

    private CatalogSnapshot(Map<String, IndicatorDefinition> indicators, Map<String, AdminArea> areas,
            Map<String, Department> departments) {
        this.indicators = indicators;
        this.areas = areas;
        this.departments = departments;
        this.tree = once(() -> new AreaTree(areas.values()));
        this.derivedInputs = once(() -> derivedInputs(indicators.values()));
        this.linksByIndicator = once(() -> links(indicators));
    }

    /** @param changes by code: the new definition, or null for one removed */
    CatalogSnapshot withIndicators(Map<String, IndicatorDefinition> changes) {
        return new CatalogSnapshot(changed(indicators, changes), areas, departments);
    }

    CatalogSnapshot withAreas(Map<String, AdminArea> changes) {
        return new CatalogSnapshot(indicators, changed(areas, changes), departments);
    }

    CatalogSnapshot withDepartments(Map<String, Department> changes) {
        return new CatalogSnapshot(indicators, areas, changed(departments, changes));
    }

    @Override
    public Optional<IndicatorDefinition> indicator(String code) {
        return Optional.ofNullable(indicators.get(code));
    }

    @Override
    public Optional<AdminArea> area(String code) {
        return Optional.ofNullable(areas.get(code));
    }

    public Optional<Department> department(String code) {
        return Optional.ofNullable(departments.get(code));
    }

    public Collection<IndicatorDefinition> indicators() {
        return indicators.values();
    }

    public Collection<AdminArea> areas() {
        return areas.values();
    }

    public Collection<Department> departments() {
        return departments.values();
    }

    /** The root of the area tree: the province. */
    public Optional<AdminArea> province() {
        return areas.values().stream().filter(area -> area.getParentCode() == null).findFirst();
    }

    public boolean isLoaded() {
        return !indicators.isEmpty() && !areas.isEmpty();
    }

    public AreaTree areaTree() {
        return tree.get();
    }

    /** The roll-ups of the derivation stage an indicator's values feed (none when only its own roll-up uses them). */
    public List<DerivedInput> derivedInputsOf(String indicator) {
        return derivedInputs.get().getOrDefault(indicator, List.of());
    }

    /** The statistical links an indicator is a side of: its own link to a STATISTICAL indicator, and the links to it. */
    public List<StatisticalLink> statisticalLinksOf(String indicator) {
        return linksByIndicator.get().getOrDefault(indicator, List.of());
    }

    /** Every statistical link between two active indicators. */
    public List<StatisticalLink> statisticalLinks() {
        return linksByIndicator.get().values().stream().flatMap(List::stream).distinct().toList();
    }

    /** The level of the units a target is rolled up from: a RATIO's components' level, or the indicator's own. */
    public Optional<String> unitLevel(IndicatorDefinition target) {
        if (target.getAggregation() == Aggregation.RATIO) {
            return indicator(target.getNumerator()).map(IndicatorDefinition::getReportingLevel);
        }
        return Optional.ofNullable(target.getReportingLevel());
    }

    private static Map<String, List<DerivedInput>> derivedInputs(Collection<IndicatorDefinition> indicators) {
        Map<String, List<DerivedInput>> inputs = new HashMap<>();
        for (IndicatorDefinition indicator : indicators) {
            if (!indicator.getActive() || RollupStage.of(indicator) != RollupStage.DERIVATION) {
                continue;
            }
            switch (indicator.getAggregation()) {
                case RATIO -> {
                    add(inputs, indicator.getNumerator(), new DerivedInput(indicator.getCode(), false));
                    add(inputs, indicator.getDenominator(), new DerivedInput(indicator.getCode(), true));
                }
                case WEIGHTED_AVERAGE -> {
                    add(inputs, indicator.getCode(), new DerivedInput(indicator.getCode(), false));
                    add(inputs, indicator.getWeight(), new DerivedInput(indicator.getCode(), true));
                }
                default -> throw new IllegalStateException(indicator.getAggregation() + " is not rolled up in the derivation stage");
            }
        }
        inputs.replaceAll((source, targets) -> List.copyOf(targets));
        return Map.copyOf(inputs);
    }

    private static Map<String, List<StatisticalLink>> links(Map<String, IndicatorDefinition> indicators) {
        Map<String, List<StatisticalLink>> links = new HashMap<>();
        for (IndicatorDefinition operating : indicators.values()) {
            IndicatorDefinition statistical = operating.getStatisticalLink() == null ? null : indicators.get(operating.getStatisticalLink());
            if (statistical != null && operating.getActive() && statistical.getActive() && !statistical.getCode().equals(operating.getCode())) {
                StatisticalLink link = new StatisticalLink(operating, statistical);
                links.computeIfAbsent(operating.getCode(), any -> new ArrayList<>()).add(link);
                links.computeIfAbsent(statistical.getCode(), any -> new ArrayList<>()).add(link);
            }
        }
        links.replaceAll((indicator, ofIt) -> List.copyOf(ofIt));
        return Map.copyOf(links);
    }

    private static void add(Map<String, List<DerivedInput>> inputs, String source, DerivedInput input) {
        if (source != null) {
            inputs.computeIfAbsent(source, any -> new ArrayList<>()).add(input);
        }
    }

    /** A copy with the changes made, never changed after: one copy per catalog record, or per store restored. */
    private static <V> Map<String, V> changed(Map<String, V> map, Map<String, V> changes) {
        Map<String, V> changed = new HashMap<>(map);
        changes.forEach((code, value) -> {
            if (value == null) {
                changed.remove(code);
            } else {
                changed.put(code, value);
            }
        });
        return Collections.unmodifiableMap(changed);
    }

    /** Computed at most once, on first use, by whichever thread asks first (the others wait for it). */
    private static <T> Supplier<T> once(Supplier<T> compute) {
        return new Supplier<>() {
            private volatile T value;

            @Override
            public T get() {
                T known = value;
                if (known == null) {
                    synchronized (this) {
                        if (value == null) {
                            value = compute.get();
                        }
                        known = value;
                    }
                }
                return known;
            }
        };
    }
}

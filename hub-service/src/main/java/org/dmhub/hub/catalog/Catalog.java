package org.dmhub.hub.catalog;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.dmhub.hub.aggregation.AreaTree;
import org.dmhub.schemas.AdminArea;
import org.dmhub.schemas.Aggregation;
import org.dmhub.schemas.Department;
import org.dmhub.schemas.IndicatorDefinition;
import org.dmhub.validation.CatalogLookup;

/**
 * The framework as this hub instance knows it, kept current from the catalog topics and shared by all stream
 * threads. Derived views (the area tree, who depends on whom) are rebuilt lazily after a change.
 */
public final class Catalog implements CatalogLookup {

    /** An indicator whose values feed the roll-up of {@code target}: as its value (or numerator), or as its companion. */
    public record Dependent(String target, boolean companion) {
    }

    private final Map<String, IndicatorDefinition> indicators = new ConcurrentHashMap<>();
    private final Map<String, AdminArea> areas = new ConcurrentHashMap<>();
    private final Map<String, Department> departments = new ConcurrentHashMap<>();
    private final AtomicLong version = new AtomicLong();
    private final AtomicLong skippedRecords = new AtomicLong();
    private volatile String lastSkipped;
    private volatile Derived derived = new Derived(-1, new AreaTree(List.of()), Map.of());

    private record Derived(long version, AreaTree tree, Map<String, List<Dependent>> dependents) {
    }

    /** A record on a catalog topic that is not what the topic holds: left out of the framework, and reported. */
    public void skipped(String description) {
        skippedRecords.incrementAndGet();
        lastSkipped = description;
    }

    /** How many catalog records were left out since the hub started. */
    public long skippedRecords() {
        return skippedRecords.get();
    }

    /** What the last record left out was, and why; null when none was. */
    public String lastSkipped() {
        return lastSkipped;
    }

    public void putIndicator(String code, IndicatorDefinition definition) {
        put(indicators, code, definition);
    }

    public void putArea(String code, AdminArea area) {
        put(areas, code, area);
    }

    public void putDepartment(String code, Department department) {
        put(departments, code, department);
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
        return List.copyOf(indicators.values());
    }

    public Collection<AdminArea> areas() {
        return List.copyOf(areas.values());
    }

    public Collection<Department> departments() {
        return List.copyOf(departments.values());
    }

    /** The root of the area tree: the province. */
    public Optional<AdminArea> province() {
        return areas.values().stream().filter(area -> area.getParentCode() == null).findFirst();
    }

    public boolean isLoaded() {
        return !indicators.isEmpty() && !areas.isEmpty();
    }

    public AreaTree areaTree() {
        return current().tree();
    }

    /** The roll-ups an indicator's values feed, its own included when it is aggregated on its own. */
    public List<Dependent> dependentsOf(String indicator) {
        return current().dependents().getOrDefault(indicator, List.of());
    }

    /**
     * True when the indicator is rolled up from its own observations (SUM, AVERAGE, MIN, MAX, NONE); false when it is
     * derived from other indicators' values (RATIO, WEIGHTED_AVERAGE), which the hub rolls up in a later stage.
     */
    public static boolean rolledUpFromOwnValues(IndicatorDefinition indicator) {
        return switch (indicator.getAggregation()) {
            case SUM, AVERAGE, MIN, MAX, NONE -> true;
            case RATIO, WEIGHTED_AVERAGE -> false;
        };
    }

    /** The level of the units a target is rolled up from: a RATIO's components' level, or the indicator's own. */
    public Optional<String> unitLevel(IndicatorDefinition target) {
        if (target.getAggregation() == Aggregation.RATIO) {
            return indicator(target.getNumerator()).map(IndicatorDefinition::getReportingLevel);
        }
        return Optional.ofNullable(target.getReportingLevel());
    }

    private <V> void put(Map<String, V> map, String code, V value) {
        if (value == null) {
            map.remove(code);
        } else {
            map.put(code, value);
        }
        version.incrementAndGet();
    }

    private Derived current() {
        Derived known = derived;
        long now = version.get();
        if (known.version() == now) {
            return known;
        }
        synchronized (this) {
            if (derived.version() != now) {
                derived = new Derived(now, new AreaTree(List.copyOf(areas.values())), dependents());
            }
            return derived;
        }
    }

    private Map<String, List<Dependent>> dependents() {
        Map<String, List<Dependent>> dependents = new ConcurrentHashMap<>();
        for (IndicatorDefinition indicator : indicators.values()) {
            if (!indicator.getActive()) {
                continue;
            }
            switch (indicator.getAggregation()) {
                case RATIO -> {
                    add(dependents, indicator.getNumerator(), new Dependent(indicator.getCode(), false));
                    add(dependents, indicator.getDenominator(), new Dependent(indicator.getCode(), true));
                }
                case WEIGHTED_AVERAGE -> {
                    add(dependents, indicator.getCode(), new Dependent(indicator.getCode(), false));
                    add(dependents, indicator.getWeight(), new Dependent(indicator.getCode(), true));
                }
                default -> add(dependents, indicator.getCode(), new Dependent(indicator.getCode(), false));
            }
        }
        return dependents;
    }

    private static void add(Map<String, List<Dependent>> dependents, String source, Dependent dependent) {
        if (source != null) {
            dependents.computeIfAbsent(source, any -> new ArrayList<>()).add(dependent);
        }
    }
}

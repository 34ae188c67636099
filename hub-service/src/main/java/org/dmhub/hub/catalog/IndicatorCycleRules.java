package org.dmhub.hub.catalog;

import static org.dmhub.hub.catalog.Checks.showCycle;
import static org.dmhub.hub.catalog.Problems.field;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.dmhub.hub.catalog.FrameworkIndex.IndicatorEntry;
import org.dmhub.schemas.Aggregation;

/**
 * An indicator computed from others (a ratio from its parts, a weighted average with its weight) cannot depend on itself
 * through them. Only the references {@link IndicatorLinkRules} finds usable are followed, so that one it reports is not
 * reported again as part of a cycle.
 */
final class IndicatorCycleRules {

    private final FrameworkIndex index;
    private final Problems problems;
    private final Set<Integer> searched = new HashSet<>();

    private IndicatorCycleRules(FrameworkIndex index, Problems problems) {
        this.index = index;
        this.problems = problems;
    }

    /** Searches depth-first; each reference back into the current search path closes a cycle. */
    static void check(FrameworkIndex index, Problems problems) {
        IndicatorCycleRules rules = new IndicatorCycleRules(index, problems);
        for (IndicatorEntry start : index.indicators()) {
            if (!rules.searched.contains(start.position())) {
                rules.search(start, new ArrayList<>(), new ArrayList<>());
            }
        }
    }

    private void search(IndicatorEntry indicator, List<IndicatorEntry> searchPath, List<String> fieldsTaken) {
        searched.add(indicator.position());
        searchPath.add(indicator);
        for (Map.Entry<String, IndicatorEntry> reference : computedFrom(indicator).entrySet()) {
            IndicatorEntry target = reference.getValue();
            fieldsTaken.add(reference.getKey());
            int cycleStart = searchPath.indexOf(target);
            if (cycleStart >= 0) {
                reportCycle(searchPath.subList(cycleStart, searchPath.size()),
                        fieldsTaken.subList(cycleStart, fieldsTaken.size()));
            } else if (!searched.contains(target.position())) {
                search(target, searchPath, fieldsTaken);
            }
            fieldsTaken.remove(fieldsTaken.size() - 1);
        }
        searchPath.remove(searchPath.size() - 1);
    }

    /** The usable references an indicator is computed from, by field; those reported as unusable are left out. */
    private Map<String, IndicatorEntry> computedFrom(IndicatorEntry indicator) {
        Map<String, IndicatorEntry> references = new LinkedHashMap<>();
        if (indicator.aggregation() == Aggregation.RATIO) {
            addUsable(references, "numerator", indicator, indicator.fields().numerator());
            addUsable(references, "denominator", indicator, indicator.fields().denominator());
        } else if (indicator.aggregation() == Aggregation.WEIGHTED_AVERAGE) {
            addUsable(references, "weight", indicator, indicator.fields().weight());
        }
        return references;
    }

    private void addUsable(Map<String, IndicatorEntry> references, String fieldName, IndicatorEntry indicator, String code) {
        IndicatorEntry target = code == null || code.equals(indicator.code()) ? null : index.indicator(code);
        if (target != null && target.aggregation() != Aggregation.RATIO) {
            references.put(fieldName, target);
        }
    }

    /** Reported at the field its indicator first in the file takes into the cycle. */
    private void reportCycle(List<IndicatorEntry> cycle, List<String> fieldsTaken) {
        int first = cycle.indexOf(cycle.stream().min(Comparator.comparingInt(IndicatorEntry::position)).orElseThrow());
        List<String> codes = IntStream.range(0, cycle.size())
                .mapToObj(step -> cycle.get((first + step) % cycle.size()).code())
                .toList();
        problems.at(field(cycle.get(first).path(), fieldsTaken.get(first)),
                showCycle(codes) + " is a cycle; an indicator cannot depend on itself");
    }
}

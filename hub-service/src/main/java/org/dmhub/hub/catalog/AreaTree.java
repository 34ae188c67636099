package org.dmhub.hub.catalog;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.dmhub.schemas.AdminArea;

/** The administrative hierarchy, any depth, as the catalog holds it. Immutable. */
public final class AreaTree {

    private final Map<String, AdminArea> areas;
    private final Map<String, List<String>> ancestorsOrSelf = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Integer>> unitsUnderByLevel = new ConcurrentHashMap<>();

    public AreaTree(Collection<AdminArea> areas) {
        Map<String, AdminArea> byCode = new HashMap<>();
        areas.forEach(area -> byCode.put(area.getCode(), area));
        this.areas = Map.copyOf(byCode);
    }

    public Optional<AdminArea> area(String code) {
        return Optional.ofNullable(areas.get(code));
    }

    /** The area itself, then its parent, and so on up to the root. Stops at an unknown parent or a cycle. */
    public List<String> ancestorsOrSelf(String code) {
        return ancestorsOrSelf.computeIfAbsent(code, this::walkUp);
    }

    /** The number of areas of {@code level} in the subtree of {@code area} (itself included). */
    public int unitsUnder(String area, String level) {
        return unitsUnderByLevel.computeIfAbsent(level, this::countUnits).getOrDefault(area, 0);
    }

    private List<String> walkUp(String code) {
        List<String> chain = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        String current = code;
        while (current != null && areas.containsKey(current) && seen.add(current)) {
            chain.add(current);
            current = areas.get(current).getParentCode();
        }
        return List.copyOf(chain);
    }

    private Map<String, Integer> countUnits(String level) {
        Map<String, Integer> counts = new HashMap<>();
        areas.values().stream()
                .filter(area -> level.equals(area.getLevel()))
                .forEach(unit -> ancestorsOrSelf(unit.getCode()).forEach(area -> counts.merge(area, 1, Integer::sum)));
        return counts;
    }
}

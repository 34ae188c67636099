package org.dmhub.hub.catalog;

import static org.dmhub.hub.catalog.Checks.present;
import static org.dmhub.hub.catalog.Checks.showCycle;
import static org.dmhub.hub.catalog.FrameworkIndex.AREAS;
import static org.dmhub.hub.catalog.Problems.element;
import static org.dmhub.hub.catalog.Problems.field;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.dmhub.hub.catalog.FrameworkFile.Area;

/**
 * The areas form one tree whose root is the province: every other area has a parent among the areas, and following the
 * parents up from any area leads to the province. A list that is missing is reported by {@link AreaRules}.
 */
final class AreaTreeRules {

    private final FrameworkIndex index;
    private final Problems problems;

    private AreaTreeRules(FrameworkIndex index, Problems problems) {
        this.index = index;
        this.problems = problems;
    }

    static void check(FrameworkIndex index, Problems problems) {
        List<Area> areas = index.file().areas();
        if (areas != null) {
            AreaTreeRules rules = new AreaTreeRules(index, problems);
            rules.checkParents(areas);
            rules.checkCycles(areas);
        }
    }

    private void checkParents(List<Area> areas) {
        String provinceCode = index.provinceCode();
        boolean provinceListed = false;
        boolean rootSeen = false;
        for (int position = 0; position < areas.size(); position++) {
            Area area = areas.get(position);
            if (area == null) {
                continue;
            }
            String parentPath = field(element(AREAS, position), "parent");
            boolean isProvince = provinceCode != null && provinceCode.equals(area.code());
            provinceListed |= isProvince;
            if (isProvince) {
                if (present(area.parent())) {
                    problems.at(parentPath, "the province " + provinceCode + " is the root of the tree and cannot have a parent");
                }
            } else if (!present(area.parent())) {
                if (provinceCode != null) {
                    problems.at(parentPath, "missing; only the province " + provinceCode
                            + " has no parent, every other area needs one");
                } else if (rootSeen) {
                    problems.at(parentPath, "missing; only one area, the province, may be without a parent");
                }
                rootSeen = true;
            } else if (area.parent().equals(area.code())) {
                problems.at(parentPath, area.parent() + " is the area itself; an area cannot be its own parent");
            } else if (!index.areaCodes().isDefined(area.parent())) {
                problems.at(parentPath, area.parent() + " is not a defined area; a parent must be the code of another area");
            }
        }
        if (provinceCode != null && !provinceListed) {
            problems.at(AREAS, "the province " + provinceCode + " is not among the areas; add it without a parent, e.g. - {code: \""
                    + provinceCode + "\", name: \"…\", level: PROVINCE}");
        }
    }

    /** Walks up from every area; a walk that comes back to an area it passed is a cycle, reported once. */
    private void checkCycles(List<Area> areas) {
        Set<String> walked = new HashSet<>();
        for (Area start : areas) {
            if (start == null || !present(start.code())) {
                continue;
            }
            List<String> trail = new ArrayList<>();
            String code = start.code();
            while (code != null && !walked.contains(code) && !trail.contains(code)) {
                trail.add(code);
                code = definedParentOf(code);
            }
            if (code != null && trail.contains(code)) {
                reportCycle(trail.subList(trail.indexOf(code), trail.size()));
            }
            walked.addAll(trail);
        }
    }

    /** The parent when it is another defined area; otherwise the parent was reported by {@link #checkParents}. */
    private String definedParentOf(String code) {
        String parent = index.area(code).parent();
        return present(parent) && !parent.equals(code) && index.areaCodes().isDefined(parent) ? parent : null;
    }

    private void reportCycle(List<String> cycle) {
        Comparator<String> inFileOrder = Comparator.comparing(index.areaCodes()::position);
        int start = cycle.indexOf(cycle.stream().min(inFileOrder).orElseThrow());
        List<String> fromFirstInFile = IntStream.range(0, cycle.size())
                .mapToObj(step -> cycle.get((start + step) % cycle.size()))
                .toList();
        problems.at(field(element(AREAS, index.areaCodes().position(fromFirstInFile.get(0))), "parent"),
                showCycle(fromFirstInFile) + " is a cycle; every area must lead up to the province");
    }
}

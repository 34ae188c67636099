package org.dmhub.hub.catalog;

/**
 * The rules a framework file must satisfy before it is published. Every rule is checked on the whole file and each
 * violation is reported at its path; a rule that depends on a value already reported as wrong is skipped, so that a
 * mistake is not reported again through its consequences.
 *
 * <p>The file is indexed first, so that no group of rules depends on another having run: the order below is only the
 * order in which the focal point reads the problems.
 */
final class FrameworkRules {

    private FrameworkRules() {
    }

    static void check(FrameworkFile file, Problems problems) {
        FrameworkIndex index = FrameworkIndex.of(file);
        ProvinceRules.check(index, problems);
        DepartmentRules.check(index, problems);
        AreaRules.check(index, problems);
        AreaTreeRules.check(index, problems);
        IndicatorRules.check(index, problems);
        IndicatorCycleRules.check(index, problems);
    }
}

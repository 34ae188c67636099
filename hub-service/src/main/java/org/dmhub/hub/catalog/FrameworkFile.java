package org.dmhub.hub.catalog;

import java.math.BigDecimal;
import java.util.List;

/**
 * The framework file as the focal point writes it, before any rule is checked. Every field may be absent, and
 * enumerated values are kept as text, so that one reading can report every mistake instead of stopping at the first.
 */
public record FrameworkFile(Province province, List<Department> departments, List<Area> areas, List<Indicator> indicators) {

    public record Province(String code, String name) {
    }

    public record Department(String code, String name) {
    }

    public record Area(String code, String name, String level, String parent) {
    }

    public record Indicator(
            String code,
            String name,
            String nameEn,
            String unit,
            String periodicity,
            String aggregation,
            String reportingLevel,
            String owner,
            String kind,
            StatisticalLink statisticalLink,
            String nationalCode,
            ValidRange validRange,
            String numerator,
            String denominator,
            BigDecimal factor,
            String weight,
            String overTime) {
    }

    public record ValidRange(BigDecimal min, BigDecimal max) {
    }

    /**
     * The STATISTICAL indicator an operating one tracks: its code alone, or a mapping that adds how far apart the two
     * may be ({@code 5%}, {@code 2.5%} or {@code 0.05}) and the factor converting the operating unit to the statistical
     * one. The tolerance is kept as written, percentage or fraction, until the rules have checked it.
     */
    @RecordShape.Shorthand("indicator")
    public record StatisticalLink(String indicator, String tolerance, BigDecimal factor) {
    }
}

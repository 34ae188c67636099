package org.dmhub.hub.api;

import java.math.BigDecimal;
import org.dmhub.schemas.AdminArea;
import org.dmhub.schemas.Department;
import org.dmhub.schemas.IndicatorDefinition;
import org.dmhub.validation.Decimals;

/** The framework as the API gives it (plain JSON, without Avro's schema fields). */
final class CatalogViews {

    private CatalogViews() {
    }

    record IndicatorView(String code, String name, String nameEn, String unit, String periodicity, String aggregation,
            String reportingLevel, String owner, String kind, String nationalCode, String statisticalLink, String numerator,
            String denominator, BigDecimal factor, String weight, BigDecimal validMin, BigDecimal validMax, boolean active) {

        static IndicatorView of(IndicatorDefinition definition) {
            return new IndicatorView(definition.getCode(), definition.getName(), definition.getNameEn(), definition.getUnit(),
                    definition.getPeriodicity().name(), definition.getAggregation().name(), definition.getReportingLevel(),
                    definition.getOwner(), definition.getKind().name(), definition.getNationalCode(), definition.getStatisticalLink(),
                    definition.getNumerator(), definition.getDenominator(), Decimals.plain(definition.getFactor()), definition.getWeight(),
                    Decimals.plain(definition.getValidMin()), Decimals.plain(definition.getValidMax()), definition.getActive());
        }
    }

    record AreaView(String code, String name, String level, String parent) {

        static AreaView of(AdminArea area) {
            return new AreaView(area.getCode(), area.getName(), area.getLevel(), area.getParentCode());
        }
    }

    record DepartmentView(String code, String name) {

        static DepartmentView of(Department department) {
            return new DepartmentView(department.getCode(), department.getName());
        }
    }
}

package org.dmhub.hub.catalog;

import java.util.List;
import java.util.Optional;
import org.dmhub.schemas.AdminArea;
import org.dmhub.schemas.Department;
import org.dmhub.schemas.IndicatorDefinition;
import org.dmhub.validation.CatalogLookup;

/** A validated framework: its records are ready to publish on the catalog topics, in the order of the file. */
public record Framework(
        Province province,
        List<Department> departments,
        List<AdminArea> areas,
        List<IndicatorDefinition> indicators) implements CatalogLookup {

    public record Province(String code, String name) {
    }

    public Framework {
        departments = List.copyOf(departments);
        areas = List.copyOf(areas);
        indicators = List.copyOf(indicators);
    }

    @Override
    public Optional<IndicatorDefinition> indicator(String code) {
        return indicators.stream().filter(indicator -> indicator.getCode().equals(code)).findFirst();
    }

    @Override
    public Optional<AdminArea> area(String code) {
        return areas.stream().filter(area -> area.getCode().equals(code)).findFirst();
    }

    public Optional<Department> department(String code) {
        return departments.stream().filter(department -> department.getCode().equals(code)).findFirst();
    }
}

package org.dmhub.validation;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.dmhub.schemas.AdminArea;
import org.dmhub.schemas.IndicatorDefinition;

/** What the observation rules need to know of the framework. */
public interface CatalogLookup {

    Optional<IndicatorDefinition> indicator(String code);

    Optional<AdminArea> area(String code);

    /** A fixed lookup over the given definitions, e.g. a framework read once. */
    static CatalogLookup of(Collection<IndicatorDefinition> indicators, Collection<AdminArea> areas) {
        Map<String, IndicatorDefinition> indicatorsByCode = indicators.stream()
                .collect(Collectors.toUnmodifiableMap(IndicatorDefinition::getCode, Function.identity()));
        Map<String, AdminArea> areasByCode = areas.stream()
                .collect(Collectors.toUnmodifiableMap(AdminArea::getCode, Function.identity()));
        return new CatalogLookup() {
            @Override
            public Optional<IndicatorDefinition> indicator(String code) {
                return Optional.ofNullable(indicatorsByCode.get(code));
            }

            @Override
            public Optional<AdminArea> area(String code) {
                return Optional.ofNullable(areasByCode.get(code));
            }
        };
    }
}

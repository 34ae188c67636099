package org.dmhub.validation;

import java.util.Optional;
import org.dmhub.schemas.AdminArea;
import org.dmhub.schemas.IndicatorDefinition;

/** What the observation rules need to know of the framework. */
public interface CatalogLookup {

    Optional<IndicatorDefinition> indicator(String code);

    Optional<AdminArea> area(String code);
}

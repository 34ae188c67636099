package org.dmhub.hub.reconciliation;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.KeyValue;
import org.dmhub.contract.RecordKeys;
import org.dmhub.hub.aggregation.AreaResult;
import org.dmhub.hub.catalog.CatalogSnapshot;
import org.dmhub.hub.support.StageOutput;
import org.dmhub.period.Period;
import org.dmhub.schemas.IndicatorDefinition;

/**
 * What a value just published is to the reconciliation: for each statistical link the indicator is a side of, and
 * when the value's period is of the statistical indicator's periodicity, one input keyed
 * {@code operating|statistical|area|period}. An operating value counts only for the areas at the statistical
 * indicator's reporting level or above it, where both indicators have values.
 */
public final class ReconciliationInputs {

    /** The sides of the statistical links, keyed {@code operating|statistical|area|period}. */
    public static final StageOutput<ReconciliationInput> OUTPUT = new StageOutput<>("reconciliation-inputs", ReconciliationInput.class);

    private ReconciliationInputs() {
    }

    public static List<KeyValue<String, ReconciliationInput>> of(CatalogSnapshot framework, IndicatorDefinition indicator,
            String area, String period, AreaResult result) {
        List<CatalogSnapshot.StatisticalLink> links = framework.statisticalLinksOf(indicator.getCode());
        if (links.isEmpty()) {
            return List.of();
        }
        Optional<Period> parsed = Period.parse(period);
        if (parsed.isEmpty()) {
            return List.of();
        }
        List<KeyValue<String, ReconciliationInput>> inputs = new ArrayList<>(links.size());
        for (CatalogSnapshot.StatisticalLink link : links) {
            IndicatorDefinition statistical = link.statistical();
            if (parsed.get().periodicity() != statistical.getPeriodicity()) {
                continue;
            }
            boolean statisticalSide = statistical.getCode().equals(indicator.getCode());
            if (!statisticalSide && !atOrAboveReportingLevel(framework, statistical, area)) {
                continue;
            }
            inputs.add(KeyValue.pair(
                    RecordKeys.reconciliationKey(link.operating().getCode(), statistical.getCode(), area, period),
                    new ReconciliationInput(statisticalSide, result.value(), result.contributing(), result.expected())));
        }
        return inputs;
    }

    private static boolean atOrAboveReportingLevel(CatalogSnapshot framework, IndicatorDefinition statistical, String area) {
        return framework.unitLevel(statistical).map(level -> framework.areaTree().unitsUnder(area, level) > 0).orElse(false);
    }
}

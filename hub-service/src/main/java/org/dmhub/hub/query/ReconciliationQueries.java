package org.dmhub.hub.query;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.apache.kafka.streams.KeyValue;
import org.dmhub.contract.RecordKeys;
import org.dmhub.hub.catalog.Catalog;
import org.dmhub.hub.catalog.CatalogSnapshot;
import org.dmhub.hub.reconciliation.PublishedReconciliation;
import org.dmhub.hub.reconciliation.ReconciliationState;
import org.dmhub.schemas.AdminArea;
import org.dmhub.schemas.IndicatorDefinition;
import org.dmhub.validation.Decimals;
import org.springframework.stereotype.Component;

/** The reconciliations this instance holds, as the API gives them. */
@Component
public class ReconciliationQueries {

    private static final Pattern SEPARATOR = Pattern.compile(Pattern.quote(RecordKeys.SEPARATOR));

    private final Catalog catalog;
    private final ViewStores stores;

    ReconciliationQueries(Catalog catalog, ViewStores stores) {
        this.catalog = catalog;
        this.stores = stores;
    }

    /** One reconciliation: the link, the area and period, both values, and how they compare. */
    public record ReconciliationView(String operatingIndicator, String operatingName, String statisticalIndicator,
            String statisticalName, String department, String area, String areaName, String areaLevel, String period,
            BigDecimal operatingValue, BigDecimal statisticalValue, BigDecimal difference, BigDecimal relativeDifference,
            BigDecimal tolerance, BigDecimal factor, String status, BigDecimal operatingCompleteness, long revision,
            Instant computedAt) {
    }

    /** This instance's reconciliations of the given period (every period when null). */
    public List<ReconciliationView> ofPeriod(String period) {
        return local(parts -> period == null || parts[3].equals(period));
    }

    /** This instance's reconciliations of one operating indicator's link for one area, over every period. */
    public List<ReconciliationView> series(String operating, String area) {
        return local(parts -> parts[0].equals(operating) && parts[2].equals(area));
    }

    private List<ReconciliationView> local(Predicate<String[]> keyParts) {
        CatalogSnapshot framework = catalog.snapshot();
        List<ReconciliationView> views = new ArrayList<>();
        for (KeyValue<String, ReconciliationState> entry : stores.localEntries(stores.stores().reconciliations())) {
            String[] parts = SEPARATOR.split(entry.key, -1);
            PublishedReconciliation published = entry.value.getPublished();
            if (parts.length != 4 || published == null || !keyParts.test(parts)) {
                continue;
            }
            Optional<AdminArea> area = framework.area(parts[2]);
            views.add(new ReconciliationView(parts[0], framework.indicator(parts[0]).map(IndicatorDefinition::getName).orElse(null),
                    parts[1], framework.indicator(parts[1]).map(IndicatorDefinition::getName).orElse(null), published.getDepartment(),
                    parts[2], area.map(AdminArea::getName).orElse(null), area.map(AdminArea::getLevel).orElse(null), parts[3],
                    Decimals.plain(published.getOperatingValue()), Decimals.plain(published.getStatisticalValue()),
                    Decimals.plain(published.getDifference()), Decimals.plain(published.getRelativeDifference()),
                    Decimals.plain(published.getTolerance()), Decimals.plain(published.getFactor()), published.getStatus(),
                    Decimals.plain(published.getOperatingCompleteness()), published.getRevision(),
                    Instant.ofEpochMilli(published.getComputedAt())));
        }
        return views;
    }
}

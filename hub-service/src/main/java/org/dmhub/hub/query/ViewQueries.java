package org.dmhub.hub.query;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dmhub.hub.aggregation.AreaResult;
import org.dmhub.hub.catalog.Catalog;
import org.dmhub.hub.catalog.CatalogSnapshot;
import org.dmhub.hub.overtime.SpanRollup;
import org.dmhub.hub.publication.PublishedArea;
import org.dmhub.hub.publication.PublishedValues;
import org.dmhub.period.Period;
import org.dmhub.schemas.AdminArea;
import org.dmhub.schemas.IndicatorDefinition;
import org.dmhub.validation.Decimals;
import org.springframework.stereotype.Component;

/**
 * Answers about the view from this instance's stores: the values of an indicator-period and an area's series. Which
 * instance to ask is the API's business ({@link ViewStores#remoteOwner}).
 */
@Component
public class ViewQueries {

    private final Catalog catalog;
    private final ViewStores stores;

    ViewQueries(Catalog catalog, ViewStores stores) {
        this.catalog = catalog;
        this.stores = stores;
    }

    /** Every area's value of an indicator for a period, the province first, then level by level. */
    public List<AreaValueView> values(IndicatorDefinition indicator, String period) {
        return stores.localValues(indicator, period).map(this::views).orElse(List.of());
    }

    /** One area's values over the periods held here, from {@code from} to {@code to} (each optional), oldest first. */
    public List<SeriesPoint> series(IndicatorDefinition indicator, String area, Period from, Period to) {
        List<SeriesPoint> points = new ArrayList<>();
        for (ViewStores.PeriodValues periodValues : stores.localPeriods(indicator)) {
            Optional<Period> period = Period.parse(periodValues.period(), indicator.getPeriodicity());
            PublishedArea published = periodValues.values().getAreas().get(area);
            if (period.isEmpty() || published == null || (from != null && period.get().compareTo(from) < 0)
                    || (to != null && period.get().compareTo(to) > 0)) {
                continue;
            }
            points.add(new SeriesPoint(periodValues.period(), Decimals.plain(published.getValue()), published.getContributing(),
                    published.getExpected(), AreaValueView.completeness(published.getContributing(), published.getExpected()),
                    published.getRevision()));
        }
        points.sort(Comparator.comparing(point -> Period.parse(point.period(), indicator.getPeriodicity()).orElseThrow()));
        return points;
    }

    /** Each area's values over the periods of {@link YearToDate#periods}, from this instance's part of the roll-up over time's inputs. */
    public YearToDate yearToDate(IndicatorDefinition indicator, Period upTo) {
        List<Period> periods = YearToDate.periods(indicator, upTo);
        CatalogSnapshot framework = catalog.snapshot();
        Map<String, AreaResult> results = stores.readLocal(stores.stores().overTime().inputs(),
                inputs -> SpanRollup.of(framework, indicator, periods, inputs::get));
        List<AreaTotal> totals = new ArrayList<>();
        results.forEach((code, result) -> {
            Optional<AdminArea> area = framework.area(code);
            totals.add(new AreaTotal(code, area.map(AdminArea::getName).orElse(null), area.map(AdminArea::getLevel).orElse(null),
                    Decimals.plain(result.value()), result.contributing(), result.expected(),
                    AreaValueView.completeness(result.contributing(), result.expected())));
        });
        totals.sort(Comparator.comparingInt((AreaTotal total) -> framework.areaTree().ancestorsOrSelf(total.area()).size())
                .thenComparing(AreaTotal::area));
        return new YearToDate(indicator.getCode(), periods.get(0).toString(), periods.get(periods.size() - 1).toString(), totals);
    }

    /** One point of a series. */
    public record SeriesPoint(String period, BigDecimal value, int contributing, int expected, BigDecimal completeness,
            long revision) {
    }

    private List<AreaValueView> views(PublishedValues published) {
        List<AreaValueView> views = new ArrayList<>();
        for (Map.Entry<String, PublishedArea> entry : published.getAreas().entrySet()) {
            PublishedArea value = entry.getValue();
            Optional<AdminArea> area = catalog.area(entry.getKey());
            views.add(new AreaValueView(entry.getKey(), area.map(AdminArea::getName).orElse(null),
                    area.map(AdminArea::getLevel).orElse(null), Decimals.plain(value.getValue()), value.getContributing(),
                    value.getExpected(), AreaValueView.completeness(value.getContributing(), value.getExpected()),
                    value.getRevision()));
        }
        views.sort(Comparator.comparingInt((AreaValueView view) -> catalog.areaTree().ancestorsOrSelf(view.area()).size())
                .thenComparing(AreaValueView::area));
        return views;
    }
}

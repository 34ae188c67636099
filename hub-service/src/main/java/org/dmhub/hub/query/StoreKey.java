package org.dmhub.hub.query;

import org.dmhub.contract.RecordKeys;
import org.dmhub.hub.reporting.ReportingTracker;
import org.dmhub.schemas.IndicatorDefinition;

/** A key of one of the stores {@link ViewStores} reads, which one hub instance holds ({@link ViewStores#remoteOwner}). */
public record StoreKey(String store, String key) {

    /** Where the values of an indicator-period are. */
    public static StoreKey values(IndicatorDefinition indicator, String period) {
        return new StoreKey(ViewStores.valuesStore(indicator), indicatorPeriod(indicator, period));
    }

    /** Where the reporting status of an indicator-period is. */
    public static StoreKey status(IndicatorDefinition indicator, String period) {
        return new StoreKey(ReportingTracker.STATUS_STORE, indicatorPeriod(indicator, period));
    }

    private static String indicatorPeriod(IndicatorDefinition indicator, String period) {
        return indicator.getCode() + RecordKeys.SEPARATOR + period;
    }
}

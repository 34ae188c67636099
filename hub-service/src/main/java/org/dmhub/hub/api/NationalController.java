package org.dmhub.hub.api;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.dmhub.hub.catalog.Catalog;
import org.dmhub.hub.query.ViewQueries;
import org.dmhub.hub.query.ViewStores;
import org.dmhub.period.Period;
import org.dmhub.schemas.AdminArea;
import org.dmhub.schemas.IndicatorDefinition;
import org.dmhub.schemas.Periodicity;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The province's aggregates of the indicators the Government Office collects (those with a national code), as JSON or
 * as SDMX-CSV, the exchange format statistical systems import.
 */
@RestController
@RequestMapping("/api/national")
class NationalController {

    /** The SDMX dataflow the export belongs to: agency (the province), id, version. */
    static final String DATAFLOW_ID = "DM_INDICATORS";
    static final String DATAFLOW_VERSION = "1.0";
    static final MediaType SDMX_CSV = MediaType.parseMediaType("application/vnd.sdmx.data+csv;version=1.0.0;charset=UTF-8");

    /** Where another hub instance asks this one for the aggregates it holds ({@link InstanceRouter#gather}). */
    private static final String HELD = "/aggregates/held";

    private final Catalog catalog;
    private final ViewStores stores;
    private final ViewQueries queries;
    private final InstanceRouter router;

    NationalController(Catalog catalog, ViewStores stores, ViewQueries queries, InstanceRouter router) {
        this.catalog = catalog;
        this.stores = stores;
        this.queries = queries;
        this.router = router;
    }

    /** The national aggregates of one period (e.g. 2026-10, 2026-Q3, 2026): each national indicator of that periodicity. */
    @GetMapping("/aggregates")
    List<NationalValue> aggregates(@AnyPeriod Period period) {
        AdminArea province = province();
        List<IndicatorDefinition> national = catalog.indicators().stream().filter(indicator -> indicator.getNationalCode() != null
                && indicator.getActive() && indicator.getPeriodicity() == period.periodicity()).toList();
        List<NationalValue> values = new ArrayList<>(router.gather(national, period, stores::valuesKey,
                held -> nationalValues(held, period, province), "/api/national" + HELD, NationalValue.class));
        values.sort(Comparator.comparing(NationalValue::nationalCode));
        return values;
    }

    /** Asked by another hub instance: the aggregates of the {@code indicator}s whose values for the period this one holds. */
    @Hidden
    @GetMapping(HELD)
    List<NationalValue> heldAggregates(@AnyPeriod Period period, @RequestParam List<String> indicator, HttpServletRequest request) {
        AdminArea province = province();
        return router.heldHere(request, indicator, period, stores::valuesKey, held -> nationalValues(held, period, province));
    }

    /**
     * The same as SDMX-CSV 1.0: one observation per line, with the columns DATAFLOW, FREQ, REF_AREA, INDICATOR,
     * TIME_PERIOD, OBS_VALUE, UNIT_MEASURE, OBS_STATUS (A: every expected unit reported; E: estimated from part of them).
     */
    @GetMapping(value = "/aggregates.csv")
    ResponseEntity<String> aggregatesAsSdmxCsv(@AnyPeriod Period period) throws IOException {
        List<NationalValue> values = aggregates(period);
        StringBuilder csv = new StringBuilder();
        String agency = catalog.province().map(area -> "VN" + area.getCode()).orElse("VN");
        try (CSVPrinter printer = new CSVPrinter(csv, CSVFormat.DEFAULT.builder().setRecordSeparator("\r\n").get())) {
            printer.printRecord("DATAFLOW", "FREQ", "REF_AREA", "INDICATOR", "TIME_PERIOD", "OBS_VALUE", "UNIT_MEASURE", "OBS_STATUS");
            for (NationalValue value : values) {
                printer.printRecord(agency + ":" + DATAFLOW_ID + "(" + DATAFLOW_VERSION + ")",
                        frequency(period.periodicity()), value.area(), value.nationalCode(),
                        value.period(), value.value() == null ? "" : value.value().toPlainString(), value.unit(),
                        value.contributing() == value.expected() ? "A" : "E");
            }
        }
        return ResponseEntity.ok().contentType(SDMX_CSV)
                .header("Content-Disposition", "attachment; filename=\"aggregates-" + period.toString().toLowerCase(Locale.ROOT) + ".csv\"")
                .body(csv.toString());
    }

    /** One national aggregate. */
    record NationalValue(String nationalCode, String indicator, String indicatorName, String area, String areaName, String period,
            BigDecimal value, String unit, int contributing, int expected, BigDecimal completeness, long revision) {
    }

    /** The aggregates of the indicators this instance holds the period of; none of an indicator without a value yet. */
    private List<NationalValue> nationalValues(List<IndicatorDefinition> indicators, Period period, AdminArea province) {
        List<NationalValue> values = new ArrayList<>();
        for (IndicatorDefinition indicator : indicators) {
            queries.values(indicator, period.toString()).stream().filter(value -> value.area().equals(province.getCode())).findFirst()
                    .ifPresent(value -> values.add(new NationalValue(indicator.getNationalCode(), indicator.getCode(), indicator.getName(),
                            province.getCode(), province.getName(), period.toString(), value.value(), indicator.getUnit(),
                            value.contributing(), value.expected(), value.completeness(), value.revision())));
        }
        return values;
    }

    private AdminArea province() {
        return catalog.province().orElseThrow(ApiProblem::noFramework);
    }

    /** SDMX's code list CL_FREQ. */
    private static String frequency(Periodicity periodicity) {
        return switch (periodicity) {
            case DAILY -> "D";
            case MONTHLY -> "M";
            case QUARTERLY -> "Q";
            case HALF_YEARLY -> "S";
            case YEARLY -> "A";
        };
    }
}

package org.dmhub.hub.api;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.swagger.v3.oas.annotations.enums.ParameterIn;
import java.util.ArrayList;
import java.util.List;
import org.dmhub.hub.catalog.Catalog;
import org.dmhub.period.Period;
import org.dmhub.schemas.AdminArea;
import org.dmhub.schemas.Aggregation;
import org.dmhub.schemas.IndicatorDefinition;
import org.dmhub.schemas.IndicatorKind;
import org.dmhub.schemas.Periodicity;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;

/** The indicators, periods and areas the API's handlers take, as the framework has them, or the problem that says why not. */
class FrameworkArgumentsTest {

    private final Catalog catalog = new Catalog();
    private final MockMvc mvc = mvc(catalog);

    FrameworkArgumentsTest() {
        catalog.putIndicator("NS-01", indicator("NS-01", Periodicity.MONTHLY, Aggregation.SUM, "COMMUNE"));
        catalog.putIndicator("HC-03", indicator("HC-03", Periodicity.MONTHLY, Aggregation.RATIO, null));
        catalog.putIndicator("KT-01", indicator("KT-01", Periodicity.QUARTERLY, Aggregation.NONE, "PROVINCE"));
        catalog.putArea("74", new AdminArea("74", "Bình Dương", "PROVINCE", null));
        catalog.putArea("718", new AdminArea("718", "Thủ Dầu Một", "DISTRICT", "74"));
    }

    @Test
    void anIndicatorAndItsPeriodAreTakenFromThePath() throws Exception {
        mvc.perform(get("/probe/KT-01/2026-Q3")).andExpect(status().isOk()).andExpect(content().string("KT-01 QUARTERLY 2026-Q3 null"));
        mvc.perform(get("/probe/NS-01/2026-10?area=718")).andExpect(status().isOk()).andExpect(content().string("NS-01 MONTHLY 2026-10 718"));
    }

    @Test
    void anIndicatorNotInTheFrameworkIsUnknown() throws Exception {
        problem(mvc.perform(get("/probe/XX-99/2026-10")), 404, "unknown-indicator", "Unknown indicator",
                "indicator XX-99 is not in the framework; GET /api/catalog/indicators lists them");
    }

    @Test
    void aReportedIndicatorIsOneDepartmentsReportNotOneTheHubDerives() throws Exception {
        mvc.perform(get("/probe/reported/NS-01/2026-10")).andExpect(status().isOk()).andExpect(content().string("NS-01 2026-10"));
        problem(mvc.perform(get("/probe/reported/HC-03/2026-10")), 404, "unknown-indicator", "Unknown indicator",
                "indicator HC-03 is not an indicator departments report; GET /api/catalog/indicators lists them");
    }

    @Test
    void aPeriodMustHaveTheFormOfItsIndicatorsPeriodicity() throws Exception {
        problem(mvc.perform(get("/probe/NS-01/2026-Q4")), 400, "invalid-period", "Invalid period",
                "'2026-Q4' is not a period of NS-01, which is reported MONTHLY: write YYYY-MM (e.g. 2026-10)");
        problem(mvc.perform(get("/probe/series/KT-01?from=2026")), 400, "invalid-period", "Invalid period",
                "'2026' is not a period of KT-01, which is reported QUARTERLY: write YYYY-Qn with n from 1 to 4 (e.g. 2026-Q3)");
    }

    @Test
    void theFirstArgumentRefusedIsTheOneAnswered() throws Exception {
        problem(mvc.perform(get("/probe/XX-99/bad?area=00000")), 404, "unknown-indicator", "Unknown indicator",
                "indicator XX-99 is not in the framework; GET /api/catalog/indicators lists them");
        problem(mvc.perform(get("/probe/NS-01/bad?area=00000")), 400, "invalid-period", "Invalid period",
                "'bad' is not a period of NS-01, which is reported MONTHLY: write YYYY-MM (e.g. 2026-10)");
        problem(mvc.perform(get("/probe/series/NS-01?area=00000&from=bad")), 404, "unknown-area", "Unknown area",
                "area 00000 is not in the framework; GET /api/catalog/areas lists them");
    }

    @Test
    void optionalQueryArgumentsLeftOutAreNullOrTheProvince() throws Exception {
        mvc.perform(get("/probe/series/NS-01")).andExpect(status().isOk()).andExpect(content().string("74 null null"));
        mvc.perform(get("/probe/series/NS-01?area=718&from=2026-01&to=2026-12"))
                .andExpect(status().isOk()).andExpect(content().string("718 2026-01 2026-12"));
        problem(mvc(new Catalog()).perform(get("/probe/series")), 404, "no-framework", "No framework",
                "the framework has no areas yet: apply one with POST /api/catalog");
    }

    @Test
    void anAreaNotInTheFrameworkIsUnknown() throws Exception {
        problem(mvc.perform(get("/probe/NS-01/2026-10?area=00000")), 404, "unknown-area", "Unknown area",
                "area 00000 is not in the framework; GET /api/catalog/areas lists them");
    }

    @Test
    void aPeriodOfAnyPeriodicityNeedsOneOfTheFiveForms() throws Exception {
        mvc.perform(get("/probe/any?period=2026-S1")).andExpect(status().isOk()).andExpect(content().string("HALF_YEARLY 2026-S1"));
        problem(mvc.perform(get("/probe/any?period=2026-13")), 400, "invalid-period", "Invalid period",
                "'2026-13' is not a period: write YYYY-MM, YYYY-Qn, YYYY-Sn, YYYY or YYYY-MM-DD");
        mvc.perform(get("/probe/any")).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.title").value("Bad Request"))
                .andExpect(jsonPath("$.detail").value("Required parameter 'period' is not present."));
    }

    @RestController
    static class Probe {

        @GetMapping("/probe/{indicator}/{period}")
        String values(@Indicator IndicatorDefinition indicator, @IndicatorPeriod Period period, @Area AdminArea area) {
            return indicator.getCode() + " " + period.periodicity() + " " + period + " " + (area == null ? null : area.getCode());
        }

        @GetMapping("/probe/reported/{indicator}/{period}")
        String reported(@Indicator(reported = true) IndicatorDefinition indicator, @IndicatorPeriod Period period) {
            return indicator.getCode() + " " + period;
        }

        @GetMapping("/probe/series/{indicator}")
        String series(@Indicator IndicatorDefinition indicator, @Area(provinceByDefault = true) AdminArea area,
                @IndicatorPeriod(value = "from", in = ParameterIn.QUERY, required = false) Period from,
                @IndicatorPeriod(value = "to", in = ParameterIn.QUERY, required = false) Period to) {
            return area.getCode() + " " + from + " " + to;
        }

        @GetMapping("/probe/series")
        String province(@Area(provinceByDefault = true) AdminArea area) {
            return area.getCode();
        }

        @GetMapping("/probe/any")
        String any(@AnyPeriod Period period) {
            return period.periodicity() + " " + period;
        }
    }

    private static MockMvc mvc(Catalog catalog) {
        List<HandlerMethodArgumentResolver> resolvers = new ArrayList<>();
        new FrameworkArguments(catalog).addArgumentResolvers(resolvers);
        return MockMvcBuilders.standaloneSetup(new Probe()).setCustomArgumentResolvers(resolvers.toArray(HandlerMethodArgumentResolver[]::new))
                .setControllerAdvice(new ApiExceptionHandler()).build();
    }

    private static void problem(ResultActions answer, int status, String type, String title, String detail) throws Exception {
        answer.andExpect(status().is(status))
                .andExpect(content().contentType("application/problem+json"))
                .andExpect(jsonPath("$.type").value(ApiProblem.TYPE_PREFIX + type))
                .andExpect(jsonPath("$.title").value(title))
                .andExpect(jsonPath("$.detail").value(detail));
    }

    private static IndicatorDefinition indicator(String code, Periodicity periodicity, Aggregation aggregation, String reportingLevel) {
        return IndicatorDefinition.newBuilder().setCode(code).setName("Chỉ tiêu " + code).setUnit("u").setPeriodicity(periodicity)
                .setAggregation(aggregation).setReportingLevel(reportingLevel).setOwner("STC").setKind(IndicatorKind.OPERATIONAL)
                .build();
    }
}

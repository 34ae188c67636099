package org.dmhub.hub.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dmhub.schemas.AdminArea;
import org.dmhub.schemas.Aggregation;
import org.dmhub.schemas.Department;
import org.dmhub.schemas.IndicatorDefinition;
import org.dmhub.schemas.IndicatorKind;
import org.junit.jupiter.api.Test;

class FrameworkSampleTest {

    private static final Path SAMPLE = Path.of("../deploy/local/sample-framework.yaml");

    @Test
    void sampleFrameworkParsesWithoutErrors() throws IOException, FrameworkException {
        Framework framework = new FrameworkParser().parse(Files.readAllBytes(SAMPLE));

        assertThat(framework.province()).isEqualTo(new Framework.Province("74", "Bình Dương"));
        assertThat(framework.departments()).extracting(Department::getCode)
                .containsExactly("STTTT", "SKHDT", "STC", "SCT", "SYT", "SGDDT", "SLDTBXH", "VPUBND", "CTK");
        assertThat(framework.department("SLDTBXH")).map(Department::getName).contains("Sở Lao động - Thương binh và Xã hội");
        assertThat(framework.indicators()).hasSizeGreaterThanOrEqualTo(14);
    }

    @Test
    void sampleAreasFormAThreeLevelTreeUnderTheProvince() throws IOException, FrameworkException {
        Framework framework = new FrameworkParser().parse(Files.readAllBytes(SAMPLE));

        assertThat(framework.areas()).filteredOn(area -> area.getParentCode() == null).extracting(AdminArea::getCode)
                .containsExactly("74");
        assertThat(framework.areas()).filteredOn(area -> "DISTRICT".equals(area.getLevel()))
                .extracting(AdminArea::getName, AdminArea::getParentCode)
                .containsExactly(tuple("Thủ Dầu Một", "74"), tuple("Bến Cát", "74"), tuple("Dĩ An", "74"),
                        tuple("Thuận An", "74"));
        assertThat(framework.areas()).filteredOn(area -> "COMMUNE".equals(area.getLevel()))
                .allSatisfy(commune -> assertThat(framework.area(commune.getParentCode()))
                        .map(AdminArea::getLevel).contains("DISTRICT"));
    }

    @Test
    void sampleCoversEveryKindOfAggregation() throws IOException, FrameworkException {
        Framework framework = new FrameworkParser().parse(Files.readAllBytes(SAMPLE));

        assertThat(framework.indicators()).extracting(IndicatorDefinition::getAggregation)
                .contains(Aggregation.values());
        assertThat(framework.indicator("HC-03")).hasValueSatisfying(onTimeRate -> {
            assertThat(onTimeRate.getNumerator()).isEqualTo("HC-02");
            assertThat(onTimeRate.getDenominator()).isEqualTo("HC-01");
            assertThat(onTimeRate.getFactor()).isEqualTo(new BigDecimal("100.000000000000"));
            assertThat(onTimeRate.getNationalCode()).isEqualTo("QG-HC-03");
        });
        assertThat(framework.indicator("YT-02")).map(IndicatorDefinition::getFactor)
                .contains(new BigDecimal("10000.000000000000"));
        assertThat(framework.indicators()).filteredOn(indicator -> indicator.getStatisticalLink() != null)
                .allSatisfy(linked -> assertThat(framework.indicator(linked.getStatisticalLink()))
                        .map(IndicatorDefinition::getKind).contains(IndicatorKind.STATISTICAL))
                .isNotEmpty();
    }
}

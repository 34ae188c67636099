package org.dmhub.connector.support;

import java.math.BigDecimal;
import java.util.List;
import org.dmhub.connector.catalog.CatalogSnapshot;
import org.dmhub.schemas.AdminArea;
import org.dmhub.schemas.Aggregation;
import org.dmhub.schemas.Department;
import org.dmhub.schemas.IndicatorDefinition;
import org.dmhub.schemas.IndicatorKind;
import org.dmhub.schemas.Periodicity;
import org.dmhub.validation.Decimals;

/** A small framework: two departments, each with one indicator, and a province with one district and two communes. */
public final class SampleFramework {

    public static final IndicatorDefinition BUDGET_REVENUE = indicator("NS-01", "Thu ngân sách nhà nước trên địa bàn",
            "tỷ đồng", "STC");
    public static final IndicatorDefinition NEW_ENTERPRISES = indicator("DN-01", "Số doanh nghiệp đăng ký thành lập mới",
            "doanh nghiệp", "SKHDT");

    public static final List<IndicatorDefinition> INDICATORS = List.of(BUDGET_REVENUE, NEW_ENTERPRISES);
    public static final List<AdminArea> AREAS = List.of(
            area("74", "Bình Dương", "PROVINCE", null),
            area("718", "Thủ Dầu Một", "DISTRICT", "74"),
            area("25747", "Phú Cường", "COMMUNE", "718"),
            area("25750", "Phú Hòa", "COMMUNE", "718"));
    public static final List<Department> DEPARTMENTS = List.of(
            new Department("STC", "Sở Tài chính"),
            new Department("SKHDT", "Sở Kế hoạch và Đầu tư"));

    private SampleFramework() {
    }

    public static CatalogSnapshot snapshot() {
        return CatalogSnapshot.of(INDICATORS, AREAS, DEPARTMENTS);
    }

    private static IndicatorDefinition indicator(String code, String name, String unit, String owner) {
        return IndicatorDefinition.newBuilder()
                .setCode(code)
                .setName(name)
                .setUnit(unit)
                .setPeriodicity(Periodicity.MONTHLY)
                .setAggregation(Aggregation.SUM)
                .setReportingLevel("COMMUNE")
                .setOwner(owner)
                .setKind(IndicatorKind.OPERATIONAL)
                .setValidMin(Decimals.toWireScale(BigDecimal.ZERO))
                .setValidMax(Decimals.toWireScale(new BigDecimal("100000")))
                .build();
    }

    private static AdminArea area(String code, String name, String level, String parent) {
        return AdminArea.newBuilder().setCode(code).setName(name).setLevel(level).setParentCode(parent).build();
    }
}

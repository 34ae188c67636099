package org.dmhub.hub.catalog;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.dmhub.hub.catalog.FrameworkFile.StatisticalLink;
import org.dmhub.hub.catalog.FrameworkFile.ValidRange;
import org.dmhub.schemas.AdminArea;
import org.dmhub.schemas.Aggregation;
import org.dmhub.schemas.Department;
import org.dmhub.schemas.IndicatorDefinition;
import org.dmhub.schemas.IndicatorKind;
import org.dmhub.schemas.OverTime;
import org.dmhub.schemas.Periodicity;
import org.dmhub.validation.Decimals;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads the province's framework file. The whole file is read before any rule is applied, and every rule is applied
 * to the whole file, so that the focal point gets the complete list of errors at once and nothing of a wrong file is
 * published.
 */
public final class FrameworkParser {

    private final ObjectMapper yamlMapper = YAMLMapper.builder().build();

    /**
     * @param utf8Yaml the file's content, encoded in UTF-8
     * @throws FrameworkException with every error, when the file is not a valid framework
     */
    public Framework parse(byte[] utf8Yaml) throws FrameworkException {
        try {
            return parse(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(utf8Yaml))
                    .toString());
        } catch (CharacterCodingException e) {
            throw new FrameworkException(List.of("the file is not UTF-8 text; save it with the UTF-8 encoding"));
        }
    }

    /** @throws FrameworkException with every error, when the text is not a valid framework */
    public Framework parse(String yaml) throws FrameworkException {
        Problems problems = new Problems();
        Optional<JsonNode> document = YamlTree.read(yamlMapper, yaml, problems);
        if (document.isEmpty()) {
            throw new FrameworkException(problems.messages());
        }
        JsonNode fitted = RecordShape.fit(document.get(), FrameworkFile.class, "", problems);
        if (!fitted.isObject()) {
            throw new FrameworkException(problems.messages());
        }
        FrameworkFile file = yamlMapper.treeToValue(fitted, FrameworkFile.class);
        FrameworkRules.check(file, problems);
        if (!problems.isEmpty()) {
            throw new FrameworkException(problems.messages());
        }
        return toFramework(file);
    }

    private static Framework toFramework(FrameworkFile file) {
        return new Framework(
                new Framework.Province(file.province().code(), file.province().name()),
                file.departments().stream().map(FrameworkParser::toDepartment).toList(),
                file.areas().stream().map(FrameworkParser::toArea).toList(),
                file.indicators().stream().map(FrameworkParser::toIndicator).toList());
    }

    private static Department toDepartment(FrameworkFile.Department department) {
        return Department.newBuilder().setCode(department.code()).setName(department.name()).build();
    }

    private static AdminArea toArea(FrameworkFile.Area area) {
        return AdminArea.newBuilder()
                .setCode(area.code())
                .setName(area.name())
                .setLevel(area.level())
                .setParentCode(blankAsAbsent(area.parent()))
                .build();
    }

    private static IndicatorDefinition toIndicator(FrameworkFile.Indicator indicator) {
        Aggregation aggregation = Aggregation.valueOf(indicator.aggregation());
        Optional<ValidRange> range = Optional.ofNullable(indicator.validRange());
        Optional<StatisticalLink> link = Optional.ofNullable(indicator.statisticalLink());
        return IndicatorDefinition.newBuilder()
                .setCode(indicator.code())
                .setName(indicator.name())
                .setNameEn(blankAsAbsent(indicator.nameEn()))
                .setUnit(indicator.unit())
                .setPeriodicity(Periodicity.valueOf(indicator.periodicity()))
                .setAggregation(aggregation)
                .setReportingLevel(blankAsAbsent(indicator.reportingLevel()))
                .setOwner(indicator.owner())
                .setKind(IndicatorKind.valueOf(indicator.kind()))
                .setStatisticalLink(link.map(StatisticalLink::indicator).orElse(null))
                .setNationalCode(blankAsAbsent(indicator.nationalCode()))
                .setValidMin(range.map(ValidRange::min).map(Decimals::toWireScale).orElse(null))
                .setValidMax(range.map(ValidRange::max).map(Decimals::toWireScale).orElse(null))
                .setNumerator(blankAsAbsent(indicator.numerator()))
                .setDenominator(blankAsAbsent(indicator.denominator()))
                .setFactor(aggregation == Aggregation.RATIO
                        ? Decimals.toWireScale(Optional.ofNullable(indicator.factor()).orElse(BigDecimal.ONE))
                        : null)
                .setWeight(blankAsAbsent(indicator.weight()))
                .setOverTime(indicator.overTime() == null || indicator.overTime().isBlank() ? null : OverTime.valueOf(indicator.overTime()))
                .setStatisticalTolerance(link.map(StatisticalLink::tolerance).filter(Checks::present).map(Tolerance::read)
                        .map(Tolerance::fraction).map(Decimals::toWireScale).orElse(null))
                .setStatisticalFactor(link.map(StatisticalLink::factor).map(Decimals::toWireScale).orElse(null))
                .setActive(true)
                .build();
    }

    private static String blankAsAbsent(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}

package org.dmhub.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dmhub.hub.HubTopologyDriver.observation;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.dmhub.schemas.AdminArea;
import org.dmhub.schemas.Aggregation;
import org.dmhub.schemas.AreaValue;
import org.dmhub.schemas.Department;
import org.dmhub.schemas.IndicatorObservation;
import org.dmhub.schemas.NationalAggregate;
import org.dmhub.schemas.ObservationRejected;
import org.dmhub.schemas.RejectionReason;
import org.dmhub.testsupport.SchemaRegistryExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The topology's behaviour on examples, through the real topology and a real registry. */
class HubTopologyTest {

    @RegisterExtension
    static final SchemaRegistryExtension registry = new SchemaRegistryExtension();
    private HubTopologyDriver hub;


    @BeforeEach
    void startHub() throws Exception {
        hub = new HubTopologyDriver(registry.baseUrl());
        hub.publishCatalog(
                List.of(new Department("STC", "Sở Tài chính"), new Department("SYT", "Sở Y tế")),
                List.of(new AdminArea("74", "Bình Dương", "PROVINCE", null),
                        new AdminArea("718", "Thủ Dầu Một", "DISTRICT", "74"),
                        new AdminArea("25747", "Phú Cường", "COMMUNE", "718"),
                        new AdminArea("25750", "Hiệp Thành", "COMMUNE", "718")),
                List.of(FromScratchView.indicator("NS-01", Aggregation.SUM, "STC").setUnit("tỷ đồng")
                        .setName("Thu ngân sách nhà nước").setNationalCode("QG-NS-01").build()));
    }

    @AfterEach
    void stopHub() throws Exception {
        hub.close();
    }

    private static IndicatorObservation budget(String area, String value, long revision) {
        return observation("STC", "NS-01", area, "2026-10", value, "tỷ đồng", revision);
    }

    @Test
    void provinceAggregateIsPublishedForNationalSystems() {
        hub.publish(budget("25747", "1234.5", 1));
        hub.publish(budget("25750", "100.25", 1));
        hub.letRollupsRun();

        Map<String, NationalAggregate> national = HubTopologyDriver.latest(hub.nationalRecords());
        NationalAggregate aggregate = national.get("NS-01|74|2026-10");
        assertThat(aggregate.getValue()).isEqualTo(new BigDecimal("1334.750000000000"));
        assertThat(aggregate.getNationalCode()).isEqualTo("QG-NS-01");
        assertThat(aggregate.getProvinceName()).isEqualTo("Bình Dương");
        assertThat(aggregate.getIndicatorName()).isEqualTo("Thu ngân sách nhà nước");
        assertThat(aggregate.getUnit()).isEqualTo("tỷ đồng");
        assertThat(aggregate.getContributing()).isEqualTo(2);
        assertThat(aggregate.getExpected()).isEqualTo(2);
        assertThat(aggregate.getCompleteness()).isEqualByComparingTo("1");
        assertThat(aggregate.getRevision()).isEqualTo(1);
        Map<String, AreaValue> view = HubTopologyDriver.latest(hub.viewRecords());
        assertThat(view.keySet()).filteredOn(key -> key.endsWith("|2026-10"))
                .containsOnly("NS-01|74|2026-10", "NS-01|718|2026-10", "NS-01|25747|2026-10", "NS-01|25750|2026-10");
        // and October's quarter, half-year and year, rolled up over time: 2 of the 2 communes × 3 months of the quarter
        assertThat(view.keySet()).filteredOn(key -> key.startsWith("NS-01|74|")).containsOnly(
                "NS-01|74|2026-10", "NS-01|74|2026-Q4", "NS-01|74|2026-S2", "NS-01|74|2026");
        AreaValue quarter = view.get("NS-01|74|2026-Q4");
        assertThat(quarter.getRolledUpOverTime()).isTrue();
        assertThat(quarter.getValue()).isEqualTo(new BigDecimal("1334.750000000000"));
        assertThat(quarter).extracting(AreaValue::getContributing, AreaValue::getExpected).containsExactly(2, 6);
        assertThat(view.get("NS-01|74|2026-10").getRolledUpOverTime()).isFalse();
        assertThat(national.get("NS-01|74|2026").getRolledUpOverTime()).isTrue();
    }

    @Test
    void retractionRemovesTheValueFromEveryAggregateAbove() {
        hub.publish(budget("25747", "10", 1));
        hub.publish(budget("25750", "5", 1));
        hub.letRollupsRun();
        hub.publish(budget("25750", null, 2));
        hub.letRollupsRun();

        Map<String, AreaValue> view = HubTopologyDriver.latest(hub.viewRecords());
        assertThat(view.get("NS-01|25750|2026-10").getValue()).isNull();
        assertThat(view.get("NS-01|718|2026-10").getValue()).isEqualByComparingTo("10");
        assertThat(view.get("NS-01|74|2026-10").getContributing()).isEqualTo(1);
        assertThat(view.get("NS-01|74|2026-10").getRevision()).isEqualTo(2);
    }

    @Test
    void staleRevisionsAndResentEventsChangeNothingAndAreCounted() {
        IndicatorObservation first = budget("25747", "10", 1);
        hub.publish(budget("25747", "20", 2));
        hub.letRollupsRun();
        hub.viewRecords();

        hub.publish(first);
        hub.publish(budget("25747", "20", 2));
        hub.letRollupsRun();

        assertThat(hub.viewRecords()).as("no output for a no-op").isEmpty();
        assertThat(hub.counter("dmhub.observations.stale")).isEqualTo(1);
        assertThat(hub.counter("dmhub.observations.duplicate")).isEqualTo(1);
        assertThat(hub.rejections()).isEmpty();
    }

    @Test
    void sameRevisionWithAnotherValueIsRefusedAndTheFirstStays() {
        hub.publish(budget("25747", "10", 7));
        hub.publish(budget("25747", "11", 7));
        hub.letRollupsRun();

        ObservationRejected rejected = hub.rejections().get(0);
        assertThat(rejected.getReasons()).containsExactly(RejectionReason.REVISION_CONFLICT);
        assertThat(rejected.getObservation().getValue()).isEqualByComparingTo("11");
        assertThat(rejected.getSourceTopic()).isEqualTo("dmhub.observations.STC");
        assertThat(rejected.getSourceOffset()).isEqualTo(1);
        assertThat(HubTopologyDriver.latest(hub.viewRecords()).get("NS-01|25747|2026-10").getValue()).isEqualByComparingTo("10");
    }

    @Test
    void undecodableBytesAreRefusedAndDoNotStopTheHub() {
        hub.publishBytes("STC", "NS-01|25747|2026-10", "{\"value\": 12}".getBytes(StandardCharsets.UTF_8));
        hub.publish(budget("25747", "10", 1));
        hub.letRollupsRun();

        ObservationRejected rejected = hub.rejections().get(0);
        assertThat(rejected.getReasons()).containsExactly(RejectionReason.UNDECODABLE);
        assertThat(StandardCharsets.UTF_8.decode(rejected.getRawPayload()).toString()).isEqualTo("{\"value\": 12}");
        assertThat(rejected.getDepartment()).isEqualTo("STC");
        assertThat(HubTopologyDriver.latest(hub.viewRecords())).containsKey("NS-01|74|2026-10");
    }

    @Test
    void observationOnAnotherDepartmentsTopicIsRefusedWithItsSource() {
        hub.publish("SYT", budget("25747", "10", 1));
        hub.letRollupsRun();

        ObservationRejected rejected = hub.rejections().get(0);
        assertThat(rejected.getReasons()).containsExactly(RejectionReason.DEPARTMENT_TOPIC_MISMATCH);
        assertThat(rejected.getSourceTopic()).isEqualTo("dmhub.observations.SYT");
        assertThat(rejected.getDetails()).singleElement().asString().contains("department STC published on the topic of department SYT");
        assertThat(hub.viewRecords()).isEmpty();
    }
}

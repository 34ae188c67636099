package org.dmhub.hub.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.dmhub.schemas.RejectionReason;
import org.junit.jupiter.api.Test;

class RefusalLogTest {

    private Instant now = Instant.parse("2026-12-01T08:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    private final RefusalLog log = new RefusalLog(clock, Duration.ofMinutes(1));

    @Test
    void aDepartmentsFirstRefusalIsLoggedAtOnce() {
        assertThat(log.refused("STC", List.of(RejectionReason.UNKNOWN_INDICATOR)))
                .isEqualTo("1 observation of STC refused (UNKNOWN_INDICATOR ×1); the rejected topic and GET /api/rejections have each one");
    }

    @Test
    void aBurstIsOneLinePerIntervalWithItsCountsAndReasons() {
        log.refused("STC", List.of(RejectionReason.UNKNOWN_INDICATOR));
        for (int i = 0; i < 499; i++) {
            assertThat(log.refused("STC", List.of(i % 2 == 0 ? RejectionReason.UNKNOWN_AREA : RejectionReason.UNDECODABLE))).isNull();
        }
        now = now.plus(Duration.ofSeconds(61));
        assertThat(log.refused("STC", List.of(RejectionReason.UNKNOWN_AREA)))
                .isEqualTo("500 observations of STC refused since the last line (UNDECODABLE ×249, UNKNOWN_AREA ×251); "
                        + "the rejected topic and GET /api/rejections have each one");
    }

    @Test
    void departmentsAreCountedApart() {
        log.refused("STC", List.of(RejectionReason.UNKNOWN_INDICATOR));
        assertThat(log.refused("SKHDT", List.of(RejectionReason.TOO_LARGE))).startsWith("1 observation of SKHDT refused");
        assertThat(log.refused(null, List.of(RejectionReason.UNDECODABLE))).startsWith("1 observation of a topic of no department refused");
    }
}

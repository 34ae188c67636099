package org.dmhub.connector.spool;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.dmhub.connector.file.FileReadResult;
import org.dmhub.connector.file.NumberedObservation;
import org.dmhub.connector.file.ObservationFileReader;
import org.dmhub.connector.support.SampleFramework;
import org.dmhub.schemas.IndicatorObservation;
import org.dmhub.validation.CatalogLookup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * What forcing the spool to disk costs, on this machine, in one run: a 100,000-row CSV file read and written to the
 * spool (one append, as {@code publish} does), and single observations appended one at a time (as
 * {@code DmConnector.publish} does), each with and without the fsync, alternately. A measurement, not a check:
 * run with {@code -Ddmhub.measure=true}.
 */
@EnabledIfSystemProperty(named = "dmhub.measure", matches = "true")
class SpoolForceToDiskCostTest {

    private static final int FILE_ROWS = 100_000;
    private static final int SINGLE_APPENDS = 2_000;

    @TempDir
    Path folder;

    @Test
    void measuresTheSpoolWithAndWithoutForcingItToDisk() {
        StringBuilder csv = new StringBuilder("indicator,area,period,value,revision\n");
        for (int row = 1; row <= FILE_ROWS; row++) {
            csv.append("NS-01,").append(row % 2 == 0 ? "25747" : "25750").append(",2026-10,").append(row % 1000).append(".5,")
                    .append(row).append('\n');
        }
        byte[] file = csv.toString().getBytes(StandardCharsets.UTF_8);
        ObservationFileReader reader = new ObservationFileReader("STC", "measure",
                CatalogLookup.of(SampleFramework.INDICATORS, SampleFramework.AREAS), false, Clock.systemUTC());
        List<IndicatorObservation> single = reader.read(file, false).valid().stream().limit(SINGLE_APPENDS)
                .map(NumberedObservation::observation).toList();
        for (int round = 1; round <= 3; round++) {
            for (boolean force : new boolean[] {true, false}) {
                Path spoolFolder = folder.resolve("file-" + round + "-" + force);
                long start = System.nanoTime();
                FileReadResult read = reader.read(file, false);
                try (Spool spool = Spool.open(spoolFolder, force)) {
                    spool.append(read.valid().stream().map(NumberedObservation::observation).map(DmWire::atWireScale).toList());
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                assertThat(read.valid()).hasSize(FILE_ROWS);
                System.out.printf("spool cost: round %d, 100,000-row CSV read and spooled, fsync %-3s: %.2f s, %,.0f rows/s%n", round,
                        force ? "on" : "off", seconds, FILE_ROWS / seconds);
            }
            for (boolean force : new boolean[] {true, false}) {
                try (Spool spool = Spool.open(folder.resolve("single-" + round + "-" + force), force)) {
                    long start = System.nanoTime();
                    for (IndicatorObservation observation : single) {
                        spool.append(List.of(DmWire.atWireScale(observation)));
                    }
                    double seconds = (System.nanoTime() - start) / 1e9;
                    System.out.printf("spool cost: round %d, %,d single appends, fsync %-3s: %.2f s, %,.0f observations/s%n", round,
                            SINGLE_APPENDS, force ? "on" : "off", seconds, SINGLE_APPENDS / seconds);
                }
            }
        }
    }

    /** The value at the wire's scale, as DmConnector brings it before spooling. */
    private static final class DmWire {

        static IndicatorObservation atWireScale(IndicatorObservation observation) {
            return observation.getValue() == null ? observation : IndicatorObservation.newBuilder(observation)
                    .setValue(org.dmhub.validation.Decimals.toWireScale(observation.getValue())).build();
        }
    }
}

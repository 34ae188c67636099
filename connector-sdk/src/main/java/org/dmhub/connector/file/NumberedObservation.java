package org.dmhub.connector.file;

import org.dmhub.schemas.IndicatorObservation;

/** An observation with the file row it was read from, so that the hub's answers can be traced back. */
public record NumberedObservation(int row, IndicatorObservation observation) {
}

package org.dmhub.connector.jdbc;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * The highest value of the watermark column seen so far: a timestamp (e.g. {@code updated_at}) or a whole number
 * (e.g. a change counter). Rows whose watermark is at least this one are read again at the next poll.
 *
 * @param kind what the column holds
 * @param text the value, ISO-8601 local date-time for a timestamp, plain digits for a number
 */
public record Watermark(Kind kind, String text) {

    public enum Kind { TIMESTAMP, NUMBER }

    /** The watermark of a column value; null when the value can be neither a timestamp nor a whole number. */
    static Watermark of(Object value) {
        if (value instanceof Timestamp timestamp) {
            return new Watermark(Kind.TIMESTAMP, timestamp.toLocalDateTime().toString());
        }
        if (value instanceof LocalDateTime dateTime) {
            return new Watermark(Kind.TIMESTAMP, dateTime.toString());
        }
        if (value instanceof OffsetDateTime dateTime) {
            return new Watermark(Kind.TIMESTAMP, dateTime.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime().toString());
        }
        if (value instanceof java.sql.Date date) {
            return new Watermark(Kind.TIMESTAMP, date.toLocalDate().atStartOfDay().toString());
        }
        if (value instanceof Number number) {
            BigDecimal decimal = new BigDecimal(number.toString());
            if (decimal.stripTrailingZeros().scale() <= 0) {
                return new Watermark(Kind.NUMBER, decimal.toBigIntegerExact().toString());
            }
        }
        return null;
    }

    void bind(PreparedStatement statement, int index) throws SQLException {
        if (kind == Kind.TIMESTAMP) {
            statement.setTimestamp(index, Timestamp.valueOf(LocalDateTime.parse(text)));
        } else {
            statement.setBigDecimal(index, new BigDecimal(text));
        }
    }

    /**
     * The revision of an observation read at this watermark, when the query gives none: a later change has a higher
     * watermark, hence a higher revision. Microseconds since 1970 for a timestamp, the number itself otherwise.
     */
    long revision() {
        if (kind == Kind.TIMESTAMP) {
            return ChronoUnit.MICROS.between(LocalDateTime.of(1970, 1, 1, 0, 0), LocalDateTime.parse(text));
        }
        return new BigDecimal(text).longValueExact();
    }

    boolean isAfter(Watermark other) {
        if (other == null) {
            return true;
        }
        if (kind == Kind.TIMESTAMP) {
            return LocalDateTime.parse(text).isAfter(LocalDateTime.parse(other.text));
        }
        return new BigDecimal(text).compareTo(new BigDecimal(other.text)) > 0;
    }

    @Override
    public String toString() {
        return text;
    }
}

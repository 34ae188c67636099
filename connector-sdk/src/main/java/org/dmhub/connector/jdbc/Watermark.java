package org.dmhub.connector.jdbc;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * The highest value of the watermark column seen so far: a timestamp (e.g. {@code updated_at}) or a whole number
 * (e.g. a change counter). Rows whose watermark is at least this one are read again at the next poll.
 *
 * @param kind what the column holds
 * @param text the value, ISO-8601 local date-time for a timestamp, plain digits for a number
 */
public record Watermark(Kind kind, String text) {

    /** A timestamp without zone (local date-time), a timestamp with zone (kept as a UTC instant), or a whole number. */
    public enum Kind { TIMESTAMP, TIMESTAMP_WITH_ZONE, NUMBER }

    /** The watermark of a column value; null when the value can be neither a timestamp nor a whole number. */
    static Watermark of(Object value) {
        if (value instanceof Timestamp timestamp) {
            return new Watermark(Kind.TIMESTAMP, timestamp.toLocalDateTime().toString());
        }
        if (value instanceof LocalDateTime dateTime) {
            return new Watermark(Kind.TIMESTAMP, dateTime.toString());
        }
        if (value instanceof OffsetDateTime dateTime) {
            return new Watermark(Kind.TIMESTAMP_WITH_ZONE, dateTime.toInstant().toString());
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
        switch (kind) {
            case TIMESTAMP -> statement.setTimestamp(index, Timestamp.valueOf(LocalDateTime.parse(text)));
            case TIMESTAMP_WITH_ZONE -> statement.setObject(index, OffsetDateTime.ofInstant(Instant.parse(text), ZoneOffset.UTC));
            case NUMBER -> statement.setBigDecimal(index, new BigDecimal(text));
        }
    }

    /** This watermark moved back by {@code overlap} (a number, which has no time, does not move). */
    Watermark minus(Duration overlap) {
        return switch (kind) {
            case TIMESTAMP -> new Watermark(kind, LocalDateTime.parse(text).minus(overlap).toString());
            case TIMESTAMP_WITH_ZONE -> new Watermark(kind, Instant.parse(text).minus(overlap).toString());
            case NUMBER -> this;
        };
    }

    /**
     * The time of a timestamp watermark in epoch milliseconds; null for a number, which is a counter rather than a
     * time. A timestamp without zone is the database's wall-clock time, read by the JDBC driver in this machine's
     * zone: it is turned back into an instant the same way (taking it as UTC would put a database at UTC+7 seven
     * hours ahead, and a correction sent meanwhile would count as stale).
     */
    Long epochMillis() {
        return switch (kind) {
            case TIMESTAMP -> Timestamp.valueOf(LocalDateTime.parse(text)).getTime();
            case TIMESTAMP_WITH_ZONE -> Instant.parse(text).toEpochMilli();
            case NUMBER -> null;
        };
    }

    boolean isAfter(Watermark other) {
        if (other == null) {
            return true;
        }
        return switch (kind) {
            case TIMESTAMP -> LocalDateTime.parse(text).isAfter(LocalDateTime.parse(other.text));
            case TIMESTAMP_WITH_ZONE -> Instant.parse(text).isAfter(Instant.parse(other.text));
            case NUMBER -> new BigDecimal(text).compareTo(new BigDecimal(other.text)) > 0;
        };
    }

    @Override
    public String toString() {
        return text;
    }
}

package org.dmhub.hub.validation;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.dmhub.hub.HubProperties;
import org.dmhub.schemas.IndicatorObservation;
import org.dmhub.schemas.RejectionReason;
import org.dmhub.validation.Decimals;
import org.dmhub.validation.Violation;

/**
 * The hub's own bounds on one record, checked before the framework's rules: sizes (so that no record, no refusal of
 * it and no state it leaves can outgrow what Kafka carries) and a revision no correction could ever beat.
 */
public final class RecordLimits {

    private final HubProperties.Limits limits;

    public RecordLimits(HubProperties.Limits limits) {
        this.limits = limits;
    }

    public long maxKeyBytes() {
        return limits.maxKey().toBytes();
    }

    public long maxValueBytes() {
        return limits.maxValue().toBytes();
    }

    public int rawPrefixBytes() {
        return (int) Math.min(Integer.MAX_VALUE, limits.rawPrefix().toBytes());
    }

    public int appliedEventsKept() {
        return limits.appliedEventsKept();
    }

    /** Refusals of a record by its size alone, before it is decoded. */
    public List<Violation> checkSize(byte[] key, byte[] value) {
        List<Violation> violations = new ArrayList<>();
        if (key != null && key.length > maxKeyBytes()) {
            violations.add(new Violation(RejectionReason.TOO_LARGE, "key",
                    "the key has " + key.length + " bytes; at most " + maxKeyBytes() + " are accepted"));
        }
        if (value != null && value.length > maxValueBytes()) {
            violations.add(new Violation(RejectionReason.TOO_LARGE, "value",
                    "the record has " + value.length + " bytes; at most " + maxValueBytes() + " are accepted"));
        }
        return violations;
    }

    /** Refusals of a decoded observation by the length of its fields and by its revision. */
    public List<Violation> check(IndicatorObservation observation, long nowMillis) {
        List<Violation> violations = fieldLengths(observation);
        long latest = nowMillis + limits.revisionAhead().toMillis();
        if (observation.getRevision() > latest) {
            violations.add(new Violation(RejectionReason.REVISION_IN_FUTURE, "revision", "revision " + observation.getRevision()
                    + " is beyond " + latest + " (the hub's clock in epoch milliseconds plus " + limits.revisionAhead()
                    + "): it would win over every later correction; use epoch milliseconds or a small counter"));
        }
        return violations;
    }

    /**
     * Whether a refusal can carry the decoded observation itself: every field within its bounds and the value within
     * the wire's decimal(38,12). Otherwise it carries the bytes received (their first {@link #rawPrefixBytes()}).
     */
    public boolean fitsARefusal(IndicatorObservation observation) {
        BigDecimal value = observation.getValue();
        boolean valueFits = value == null || value.scale() <= Decimals.SCALE && !Decimals.exceedsPrecision(value);
        return valueFits && fieldLengths(observation).isEmpty();
    }

    private List<Violation> fieldLengths(IndicatorObservation observation) {
        List<Violation> violations = new ArrayList<>();
        length(violations, "eventId", observation.getEventId(), limits.maxEventIdLength());
        length(violations, "indicator", observation.getIndicator(), limits.maxFieldLength());
        length(violations, "department", observation.getDepartment(), limits.maxFieldLength());
        length(violations, "area", observation.getArea(), limits.maxFieldLength());
        length(violations, "period", observation.getPeriod(), limits.maxFieldLength());
        length(violations, "unit", observation.getUnit(), limits.maxFieldLength());
        length(violations, "source", observation.getSource(), limits.maxFieldLength());
        length(violations, "comment", observation.getComment(), limits.maxCommentLength());
        return violations;
    }

    private static void length(List<Violation> violations, String field, String text, int max) {
        if (text != null && text.length() > max) {
            violations.add(new Violation(RejectionReason.TOO_LARGE, field,
                    field + " has " + text.length() + " characters; at most " + max + " are accepted"));
        }
    }
}

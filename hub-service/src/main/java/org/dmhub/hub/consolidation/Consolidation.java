package org.dmhub.hub.consolidation;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.dmhub.hub.validation.AcceptedObservation;

/**
 * Decides what an accepted observation does to the consolidated value of its indicator, area and period: the
 * highest revision wins whatever the arrival order, and nothing is applied twice. The value also remembers when its
 * unit first reported it, for the reporting status: a correction keeps that time, a retraction clears it.
 */
public final class Consolidation {

    /** What happened to one observation. */
    public enum Effect {
        /** it is the new consolidated value */
        APPLIED,
        /** its event was already applied, or it repeats the current value at the same revision */
        DUPLICATE,
        /** a higher revision is already consolidated */
        STALE,
        /** the same revision is consolidated with another content: refused, the first stays */
        REVISION_CONFLICT
    }

    /** The effect, and the consolidated value after it (unchanged unless APPLIED). */
    public record Outcome(Effect effect, ConsolidatedValue value) {
    }

    private Consolidation() {
    }

    /**
     * @param receivedAt when the observation was sent (its record's time, epoch ms)
     * @param eventsKept how many of the latest applied eventIds the value remembers: the value of a key corrected
     *     again and again stays small, and an older event sent again is then judged by its revision (stale, or a
     *     duplicate when it repeats the current content), so it still changes nothing
     */
    public static Outcome apply(ConsolidatedValue current, AcceptedObservation observation, long receivedAt, int eventsKept) {
        if (current == null) {
            return new Outcome(Effect.APPLIED, consolidated(observation, List.of(), observation.getRetracted() ? null : receivedAt));
        }
        if (current.getAppliedEventIds().contains(observation.getEventId())) {
            return new Outcome(Effect.DUPLICATE, current);
        }
        if (observation.getRevision() < current.getRevision()) {
            return new Outcome(Effect.STALE, current);
        }
        if (observation.getRevision() == current.getRevision()) {
            return new Outcome(sameContent(current, observation) ? Effect.DUPLICATE : Effect.REVISION_CONFLICT, current);
        }
        Long reportedAt = observation.getRetracted() ? null : current.getRetracted() ? Long.valueOf(receivedAt) : current.getReportedAt();
        List<String> earlier = current.getAppliedEventIds();
        List<String> kept = earlier.size() < eventsKept ? earlier : earlier.subList(earlier.size() - eventsKept + 1, earlier.size());
        return new Outcome(Effect.APPLIED, consolidated(observation, kept, reportedAt));
    }

    private static ConsolidatedValue consolidated(AcceptedObservation observation, List<String> earlierEvents, Long reportedAt) {
        List<String> applied = new ArrayList<>(earlierEvents.size() + 1);
        applied.addAll(earlierEvents);
        applied.add(observation.getEventId());
        ConsolidatedValue value = new ConsolidatedValue();
        value.setRevision(observation.getRevision());
        value.setRetracted(observation.getRetracted());
        value.setValue(observation.getRetracted() ? null : observation.getValue());
        value.setUnit(observation.getUnit());
        value.setAppliedEventIds(applied);
        value.setReportedAt(reportedAt);
        return value;
    }

    private static boolean sameContent(ConsolidatedValue current, AcceptedObservation observation) {
        if (current.getRetracted() || observation.getRetracted()) {
            return current.getRetracted() == observation.getRetracted();
        }
        BigDecimal value = observation.getValue();
        return value != null && current.getValue() != null && value.compareTo(current.getValue()) == 0
                && current.getUnit().equals(observation.getUnit());
    }
}

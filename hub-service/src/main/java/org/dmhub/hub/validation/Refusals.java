package org.dmhub.hub.validation;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.dmhub.hub.support.RecordSource;
import org.dmhub.hub.support.StageOutput;
import org.dmhub.schemas.IndicatorObservation;
import org.dmhub.schemas.ObservationRejected;
import org.dmhub.validation.Violation;

/**
 * Builds the records of the rejected topic. A refusal is always small enough to publish and always encodable: it
 * carries the decoded observation only when that fits the contract's schema and the hub's limits, and otherwise the
 * first bytes received, with their whole size and SHA-256, so the sender can still find the record.
 */
public final class Refusals {

    /** Refusals, for the rejected topic and the focal point's feed. */
    public static final StageOutput<ObservationRejected> OUTPUT = new StageOutput<>("refusals", ObservationRejected.class);

    private final RecordLimits limits;

    public Refusals(RecordLimits limits) {
        this.limits = limits;
    }

    /**
     * @param observation the decoded record, or null when it could not be decoded
     * @param raw the bytes received, kept (in part) when the decoded record cannot be
     */
    public ObservationRejected of(RecordSource source, String department, IndicatorObservation observation, byte[] raw,
            List<Violation> violations) {
        boolean keepDecoded = observation != null && (raw == null || limits.fitsARefusal(observation));
        ObservationRejected.Builder refusal = ObservationRejected.newBuilder()
                .setReasons(violations.stream().map(Violation::reason).distinct().toList())
                .setDetails(violations.stream().map(Violation::toString).map(this::bounded).toList())
                .setSourceTopic(source.topic())
                .setSourcePartition(source.partition())
                .setSourceOffset(source.offset())
                .setDepartment(department)
                .setObservation(keepDecoded ? observation : null)
                .setRejectedAt(Instant.now());
        if (!keepDecoded && raw != null) {
            refusal.setRawPayload(ByteBuffer.wrap(Arrays.copyOf(raw, Math.min(raw.length, limits.rawPrefixBytes()))))
                    .setRawSize((long) raw.length)
                    .setRawSha256(sha256(raw));
        }
        return refusal.build();
    }

    /** A detail sentence quotes what was received: never more of it than a refusal may carry. */
    private String bounded(String detail) {
        int max = limits.rawPrefixBytes();
        return detail.length() <= max ? detail : detail.substring(0, max) + "… (" + detail.length() + " characters)";
    }

    /** A key as received, or its beginning when it is longer than the hub accepts. */
    public String boundedKey(String key) {
        int max = (int) Math.min(Integer.MAX_VALUE, limits.maxKeyBytes());
        return key == null || key.length() <= max ? key : key.substring(0, max) + "…";
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every Java runtime has SHA-256", impossible);
        }
    }
}

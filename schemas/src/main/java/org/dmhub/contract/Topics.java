package org.dmhub.contract;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.specific.SpecificRecord;
import org.dmhub.schemas.AdminArea;
import org.dmhub.schemas.AreaValue;
import org.dmhub.schemas.Department;
import org.dmhub.schemas.IndicatorDefinition;
import org.dmhub.schemas.IndicatorObservation;
import org.dmhub.schemas.NationalAggregate;
import org.dmhub.schemas.ObservationReceipt;
import org.dmhub.schemas.ObservationRejected;
import org.dmhub.schemas.Reconciliation;
import org.dmhub.schemas.ReportingStatus;

/**
 * Every topic of the contract, declared once, under a configurable name prefix ({@value #DEFAULT_PREFIX} by default).
 * Department topics are {@code <prefix>observations.<DEPARTMENT CODE>}.
 */
public final class Topics {

    public static final String DEFAULT_PREFIX = "dmhub.";

    private static final Map<String, String> COMPACTED = Map.of("cleanup.policy", "compact");
    /** Observations are the source of truth the view can be rebuilt from: kept until deleted by an operator. */
    private static final Map<String, String> KEPT_FOREVER = Map.of("cleanup.policy", "delete", "retention.ms", "-1");
    private static final Map<String, String> KEPT_90_DAYS = Map.of("cleanup.policy", "delete", "retention.ms", "7776000000");
    private static final Map<String, String> KEPT_30_DAYS = Map.of("cleanup.policy", "delete", "retention.ms", "2592000000");
    private static final String OBSERVATIONS = "observations.";
    private static final String RECEIPTS = "receipts.";
    private static final String REJECTED = "rejected";

    private final String prefix;
    private final Pattern departmentTopic;

    public Topics(String prefix) {
        if (prefix == null || !prefix.matches("[A-Za-z0-9._-]*")) {
            throw new IllegalArgumentException("a topic prefix may only hold letters, digits, '.', '_' and '-': " + prefix);
        }
        this.prefix = prefix;
        this.departmentTopic = Pattern.compile(Pattern.quote(prefix + OBSERVATIONS) + "(?!" + REJECTED + "$)([A-Za-z0-9_-]+)");
    }

    public static Topics withDefaultPrefix() {
        return new Topics(DEFAULT_PREFIX);
    }

    public String prefix() {
        return prefix;
    }

    public TopicDefinition<IndicatorDefinition> indicators() {
        return topic("catalog.indicators", IndicatorDefinition.class, COMPACTED);
    }

    public TopicDefinition<AdminArea> areas() {
        return topic("catalog.areas", AdminArea.class, COMPACTED);
    }

    public TopicDefinition<Department> departments() {
        return topic("catalog.departments", Department.class, COMPACTED);
    }

    /** The topic a department publishes its observations to. */
    public TopicDefinition<IndicatorObservation> observations(String departmentCode) {
        requireDepartmentCode(departmentCode);
        return topic(OBSERVATIONS + departmentCode, IndicatorObservation.class, KEPT_FOREVER);
    }

    /** The topic the hub tells a department, observation by observation, what it did with what it sent. */
    public TopicDefinition<ObservationReceipt> receipts(String departmentCode) {
        requireDepartmentCode(departmentCode);
        return topic(RECEIPTS + departmentCode, ObservationReceipt.class, KEPT_30_DAYS);
    }

    /** Matches every department topic, including those of departments added later, and not the rejected topic. */
    public Pattern observationTopicPattern() {
        return departmentTopic;
    }

    /** The department a topic belongs to, when it is a department topic. */
    public Optional<String> departmentOf(String topicName) {
        Matcher matcher = departmentTopic.matcher(topicName);
        return matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    public TopicDefinition<ObservationRejected> rejected() {
        return topic(OBSERVATIONS + REJECTED, ObservationRejected.class, KEPT_90_DAYS);
    }

    public TopicDefinition<AreaValue> viewValues() {
        return topic("view.values", AreaValue.class, COMPACTED);
    }

    public TopicDefinition<NationalAggregate> nationalAggregates() {
        return topic("national.aggregates", NationalAggregate.class, COMPACTED);
    }

    public TopicDefinition<ReportingStatus> reportingStatus() {
        return topic("status.reporting", ReportingStatus.class, COMPACTED);
    }

    /** Each operating indicator beside its statistical indicator, per area and statistical period. */
    public TopicDefinition<Reconciliation> reconciliation() {
        return topic("reconciliation", Reconciliation.class, COMPACTED);
    }

    /** The framework, as the focal point publishes it. */
    public List<TopicDefinition<?>> catalogTopics() {
        return List.of(indicators(), areas(), departments());
    }

    /** The topics that exist whatever the catalog holds (department topics come with the departments). */
    public List<TopicDefinition<?>> sharedTopics() {
        return List.of(indicators(), areas(), departments(), rejected(), viewValues(), nationalAggregates(), reportingStatus(),
                reconciliation());
    }

    public static boolean isValidDepartmentCode(String code) {
        return code != null && code.matches("[A-Za-z0-9_-]+") && !code.equals(REJECTED);
    }

    private static void requireDepartmentCode(String departmentCode) {
        if (!isValidDepartmentCode(departmentCode)) {
            throw new IllegalArgumentException("not a valid department code for a topic name: '" + departmentCode
                    + "' (letters, digits, '_' and '-' only, and not '" + REJECTED + "')");
        }
    }

    private <V extends SpecificRecord> TopicDefinition<V> topic(String name, Class<V> type, Map<String, String> configs) {
        return new TopicDefinition<>(prefix + name, type, configs);
    }
}

package org.dmhub.hub.catalog;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TopicExistsException;
import org.dmhub.contract.RegistrySerdes;
import org.dmhub.contract.TopicDefinition;
import org.dmhub.contract.Topics;
import org.dmhub.hub.HubProperties;
import org.dmhub.hub.support.KafkaClientSettings;
import org.dmhub.schemas.AdminArea;
import org.dmhub.schemas.Department;
import org.dmhub.schemas.IndicatorDefinition;

/**
 * Publishes a validated framework on the catalog topics. An indicator that the new framework no longer holds is
 * published again as retired (its history stays readable, new reports are refused); an area or a department that
 * is no longer there is deleted. Each department gets its observation topic and its receipts topic. The three
 * catalog topics are written in one transaction: readers that read committed data only (the hub, the connectors)
 * see the whole new framework or none of it. In the secure mode, the departments' principals are given their login and
 * rights before the catalog is written, and those of removed departments are taken away (see {@link DepartmentIdentities}).
 */
public final class CatalogPublisher {

    /**
     * What an application of a framework changed.
     *
     * @param principals what changed of the departments' schemas at the registry and their logins and rights at the
     *     broker, one line each (secure mode)
     */
    public record Applied(int departments, int areas, int indicators, List<String> retiredIndicators, List<String> removedAreas,
            List<String> removedDepartments, List<String> createdTopics, List<String> principals) {
    }

    /** The schemas of the departments' topics at the registry, in the secure mode: a connector may not register them. */
    public interface DepartmentSchemas {

        /** Without the secure mode: clients register their schemas. */
        DepartmentSchemas NONE = departmentCodes -> List.of();

        /**
         * Deploys the subjects of these departments' topics where they are missing (idempotent).
         *
         * @return what changed, one line each
         */
        List<String> deploy(Set<String> departmentCodes);
    }

    /** The departments' principals at the broker, in the secure mode. */
    public interface DepartmentIdentities {

        /** Without the secure mode: the broker knows no principals. */
        DepartmentIdentities NONE = new DepartmentIdentities() {
            @Override
            public Optional<String> refusal(String departmentCode) {
                return Optional.empty();
            }

            @Override
            public List<String> apply(List<String> departmentCodes) {
                return List.of();
            }
        };

        /** Why {@code departmentCode} cannot be a principal of its own, if it cannot. */
        Optional<String> refusal(String departmentCode);

        /**
         * Gives each of these departments its login and rights where they are missing, and takes them from every
         * department no longer among them.
         *
         * @return what changed, one line each
         */
        List<String> apply(List<String> departmentCodes) throws ExecutionException, InterruptedException;
    }

    private final Topics topics;
    private final RegistrySerdes serdes;
    private final Catalog current;
    private final KafkaClientSettings clients;
    private final HubProperties.TopicCreation topicCreation;
    private final DepartmentIdentities identities;
    private final DepartmentSchemas schemas;

    public CatalogPublisher(Topics topics, RegistrySerdes serdes, Catalog current, KafkaClientSettings clients,
            HubProperties.TopicCreation topicCreation, DepartmentIdentities identities, DepartmentSchemas schemas) {
        this.topics = topics;
        this.serdes = serdes;
        this.current = current;
        this.clients = clients;
        this.topicCreation = topicCreation;
        this.identities = identities;
        this.schemas = schemas;
    }

    /** What {@link #publish} would do, without doing it. */
    public Applied plan(Framework framework) throws FrameworkException {
        checkPrincipals(framework);
        return new Applied(framework.departments().size(), framework.areas().size(), framework.indicators().size(),
                retired(framework).stream().map(IndicatorDefinition::getCode).toList(), removedAreas(framework),
                removedDepartments(framework), List.of(), List.of());
    }

    /** Publishes the framework; returns once its transaction is committed. */
    public Applied publish(Framework framework) throws FrameworkException, ExecutionException, InterruptedException {
        checkPrincipals(framework);
        List<String> codes = framework.departments().stream().map(Department::getCode).toList();
        // a department's schemas first, its topics, then its login: once it may publish, it can
        List<String> principals = new ArrayList<>(schemas.deploy(new LinkedHashSet<>(codes)));
        List<String> created = createDepartmentTopics(framework.departments());
        principals.addAll(identities.apply(codes));
        List<IndicatorDefinition> retired = retired(framework);
        List<String> removedAreas = removedAreas(framework);
        List<String> removedDepartments = removedDepartments(framework);

        Map<String, Object> config = new HashMap<>(clients.producer());
        config.putAll(serdes.producerConfig());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        // one id for every publisher of this hub's framework: a new one fences an older one still under way
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, topics.prefix() + "catalog-publisher");
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        try (KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(config)) {
            producer.initTransactions();
            producer.beginTransaction();
            // departments and areas first: an indicator refers to both
            framework.departments().forEach(department -> sent.add(send(producer, topics.departments(), department.getCode(), department)));
            removedDepartments.forEach(code -> sent.add(send(producer, topics.departments(), code, null)));
            framework.areas().forEach(area -> sent.add(send(producer, topics.areas(), area.getCode(), area)));
            removedAreas.forEach(code -> sent.add(send(producer, topics.areas(), code, null)));
            framework.indicators().forEach(indicator -> sent.add(send(producer, topics.indicators(), indicator.getCode(), indicator)));
            retired.forEach(indicator -> sent.add(send(producer, topics.indicators(), indicator.getCode(), indicator)));
            producer.commitTransaction();
        }
        for (Future<RecordMetadata> acknowledgement : sent) {
            acknowledgement.get();
        }
        return new Applied(framework.departments().size(), framework.areas().size(), framework.indicators().size(),
                retired.stream().map(IndicatorDefinition::getCode).toList(), removedAreas, removedDepartments, created, principals);
    }

    /** A department whose code is already another principal's is refused as an error of the file, before anything is done. */
    private void checkPrincipals(Framework framework) throws FrameworkException {
        List<String> errors = new ArrayList<>();
        for (int position = 0; position < framework.departments().size(); position++) {
            int at = position;
            identities.refusal(framework.departments().get(position).getCode())
                    .ifPresent(refusal -> errors.add("departments[" + at + "].code: " + refusal));
        }
        if (!errors.isEmpty()) {
            throw new FrameworkException(errors);
        }
    }

    private <V extends SpecificRecord> Future<RecordMetadata> send(KafkaProducer<String, SpecificRecord> producer,
            TopicDefinition<V> topic, String key, V value) {
        return producer.send(new ProducerRecord<>(topic.name(), key, value));
    }

    private List<IndicatorDefinition> retired(Framework framework) {
        Set<String> kept = framework.indicators().stream().map(IndicatorDefinition::getCode).collect(Collectors.toSet());
        return current.indicators().stream()
                .filter(indicator -> indicator.getActive() && !kept.contains(indicator.getCode()))
                .map(indicator -> IndicatorDefinition.newBuilder(indicator).setActive(false).build())
                .toList();
    }

    private List<String> removedAreas(Framework framework) {
        Set<String> kept = framework.areas().stream().map(AdminArea::getCode).collect(Collectors.toSet());
        return current.areas().stream().map(AdminArea::getCode).filter(code -> !kept.contains(code)).sorted().toList();
    }

    private List<String> removedDepartments(Framework framework) {
        Set<String> kept = framework.departments().stream().map(Department::getCode).collect(Collectors.toSet());
        return current.departments().stream().map(Department::getCode).filter(code -> !kept.contains(code)).sorted().toList();
    }

    private List<String> createDepartmentTopics(List<Department> departments) throws ExecutionException, InterruptedException {
        List<String> created = new ArrayList<>();
        try (Admin admin = Admin.create(clients.admin())) {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = departments.stream()
                    .flatMap(department -> Stream.of(topics.observations(department.getCode()), topics.receipts(department.getCode())))
                    .filter(topic -> !existing.contains(topic.name()))
                    .map(topicCreation::newTopic)
                    .toList();
            for (NewTopic topic : missing) {
                try {
                    admin.createTopics(List.of(topic)).all().get();
                    created.add(topic.name());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
        }
        return created;
    }
}

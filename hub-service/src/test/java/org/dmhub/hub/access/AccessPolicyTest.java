package org.dmhub.hub.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.dmhub.contract.Topics;
import org.junit.jupiter.api.Test;

class AccessPolicyTest {

    private final AccessPolicy policy = new AccessPolicy(Topics.withDefaultPrefix(), "focal", "hub", "dmhub-hub",
            List.of("national", "gso"));

    @Test
    void aDepartmentWritesItsOwnTopicAndReadsTheCatalogAndItsOwnReceiptsOnly() {
        assertThat(describe(policy.department("STC"))).containsExactlyInAnyOrder(
                "User:STC WRITE TOPIC LITERAL dmhub.observations.STC",
                "User:STC READ TOPIC LITERAL dmhub.catalog.indicators",
                "User:STC READ TOPIC LITERAL dmhub.catalog.areas",
                "User:STC READ TOPIC LITERAL dmhub.catalog.departments",
                "User:STC READ TOPIC LITERAL dmhub.receipts.STC");
    }

    @Test
    void aNationalConsumerReadsTheNationalAggregatesAndTheReconciliationInGroupsOfItsOwnName() {
        assertThat(describe(policy.nationalConsumer("gso"))).containsExactlyInAnyOrder(
                "User:gso READ TOPIC LITERAL dmhub.national.aggregates",
                "User:gso READ TOPIC LITERAL dmhub.reconciliation",
                "User:gso READ GROUP PREFIXED gso-");
    }

    @Test
    void theHubGetsWhatKafkaStreamsWithExactlyOnceAndItsOwnClientsNeed() {
        assertThat(describe(policy.hub())).containsExactlyInAnyOrder(
                "User:hub CREATE TOPIC PREFIXED dmhub-hub-",
                "User:hub DELETE TOPIC PREFIXED dmhub-hub-",
                "User:hub READ TOPIC PREFIXED dmhub-hub-",
                "User:hub WRITE TOPIC PREFIXED dmhub-hub-",
                "User:hub WRITE TRANSACTIONAL_ID PREFIXED dmhub-hub-",
                "User:hub READ GROUP LITERAL dmhub-hub",
                "User:hub CREATE TOPIC PREFIXED dmhub.observations.",
                "User:hub READ TOPIC PREFIXED dmhub.observations.",
                "User:hub WRITE TOPIC LITERAL dmhub.observations.rejected",
                "User:hub CREATE TOPIC LITERAL dmhub.catalog.indicators",
                "User:hub READ TOPIC LITERAL dmhub.catalog.indicators",
                "User:hub WRITE TOPIC LITERAL dmhub.catalog.indicators",
                "User:hub CREATE TOPIC LITERAL dmhub.catalog.areas",
                "User:hub READ TOPIC LITERAL dmhub.catalog.areas",
                "User:hub WRITE TOPIC LITERAL dmhub.catalog.areas",
                "User:hub CREATE TOPIC LITERAL dmhub.catalog.departments",
                "User:hub READ TOPIC LITERAL dmhub.catalog.departments",
                "User:hub WRITE TOPIC LITERAL dmhub.catalog.departments",
                "User:hub WRITE TRANSACTIONAL_ID LITERAL dmhub.catalog-publisher",
                "User:hub CREATE TOPIC PREFIXED dmhub.receipts.",
                "User:hub WRITE TOPIC PREFIXED dmhub.receipts.",
                "User:hub CREATE TOPIC LITERAL dmhub.view.values",
                "User:hub WRITE TOPIC LITERAL dmhub.view.values",
                "User:hub CREATE TOPIC LITERAL dmhub.national.aggregates",
                "User:hub WRITE TOPIC LITERAL dmhub.national.aggregates",
                "User:hub CREATE TOPIC LITERAL dmhub.status.reporting",
                "User:hub WRITE TOPIC LITERAL dmhub.status.reporting",
                "User:hub CREATE TOPIC LITERAL dmhub.reconciliation",
                "User:hub WRITE TOPIC LITERAL dmhub.reconciliation");
    }

    @Test
    void theTopicsFollowTheConfiguredPrefixAndTheInternalOnesTheApplicationId() {
        AccessPolicy other = new AccessPolicy(new Topics("tinh74."), "focal", "hub", "hub-2027", List.of("national"));

        assertThat(describe(other.department("STC"))).contains("User:STC WRITE TOPIC LITERAL tinh74.observations.STC");
        assertThat(describe(other.hub())).contains("User:hub WRITE TOPIC PREFIXED hub-2027-", "User:hub READ GROUP LITERAL hub-2027",
                "User:hub WRITE TRANSACTIONAL_ID LITERAL tinh74.catalog-publisher");
    }

    @Test
    void aDepartmentIsFoundAgainByWritingItsOwnTopicOnly() {
        for (AclBinding binding : policy.department("STC")) {
            assertThat(policy.departmentOf(binding)).as(binding.toString())
                    .isEqualTo(binding.entry().operation() == AclOperation.WRITE ? Optional.of("STC") : Optional.empty());
        }
        assertThat(policy.hub()).allSatisfy(binding -> assertThat(policy.departmentOf(binding)).isEmpty());
        assertThat(policy.nationalConsumer("national")).allSatisfy(binding -> assertThat(policy.departmentOf(binding)).isEmpty());
        // someone else's right on a department's topic is not that department's mark
        assertThat(policy.departmentOf(binding("User:SYT", "dmhub.observations.STC", AclOperation.WRITE, AclPermissionType.ALLOW))).isEmpty();
        assertThat(policy.departmentOf(binding("User:STC", "dmhub.observations.STC", AclOperation.WRITE, AclPermissionType.DENY))).isEmpty();
        assertThat(policy.departmentOf(binding("Group:STC", "dmhub.observations.STC", AclOperation.WRITE, AclPermissionType.ALLOW))).isEmpty();
    }

    @Test
    void aDepartmentCannotBeTheFocalPointTheHubOrANationalConsumer() {
        assertThat(policy.refusal("focal")).hasValueSatisfying(reason -> assertThat(reason).contains("focal point"));
        assertThat(policy.refusal("hub")).hasValueSatisfying(reason -> assertThat(reason).contains("the hub's own"));
        assertThat(policy.refusal("gso")).hasValueSatisfying(reason -> assertThat(reason).contains("national consumer"));
        assertThat(policy.refusal("STC")).isEmpty();
        assertThatThrownBy(() -> policy.department("hub")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void principalsNeedNamesOfTheirOwnThatAreKafkaUserNames() {
        assertThatThrownBy(() -> new AccessPolicy(Topics.withDefaultPrefix(), "focal", "hub", "dmhub-hub", List.of("hub")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("principals of their own");
        assertThatThrownBy(() -> new AccessPolicy(Topics.withDefaultPrefix(), "focal", "focal", "dmhub-hub", List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AccessPolicy(Topics.withDefaultPrefix(), "focal", "hub", "dmhub-hub", List.of("a b")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'a b'");
        assertThatThrownBy(() -> new AccessPolicy(Topics.withDefaultPrefix(), "focal", "../hub", "dmhub-hub", List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static AclBinding binding(String principal, String topic, AclOperation operation, AclPermissionType permission) {
        return new AclBinding(new ResourcePattern(ResourceType.TOPIC, topic, PatternType.LITERAL),
                new AccessControlEntry(principal, "*", operation, permission));
    }

    /** "principal OPERATION TYPE PATTERN name", every one ALLOW from any host. */
    private static Set<String> describe(Set<AclBinding> bindings) {
        assertThat(bindings).allSatisfy(binding -> {
            assertThat(binding.entry().permissionType()).isEqualTo(AclPermissionType.ALLOW);
            assertThat(binding.entry().host()).isEqualTo("*");
        });
        return bindings.stream().map(binding -> binding.entry().principal() + " " + binding.entry().operation() + " "
                + binding.pattern().resourceType() + " " + binding.pattern().patternType() + " " + binding.pattern().name())
                .collect(Collectors.toSet());
    }
}

package org.dmhub.hub.access;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.acl.AclBinding;
import org.dmhub.hub.catalog.CatalogPublisher;

/**
 * The departments' principals, applied with each framework: every department of it gets its login and rights, every
 * department the hub gave rights to that is no longer in it loses them.
 */
public final class DepartmentPrincipals implements CatalogPublisher.DepartmentIdentities {

    private final AccessPolicy policy;
    private final BrokerIdentities identities;

    public DepartmentPrincipals(AccessPolicy policy, BrokerIdentities identities) {
        this.policy = policy;
        this.identities = identities;
    }

    @Override
    public Optional<String> refusal(String departmentCode) {
        return policy.refusal(departmentCode);
    }

    @Override
    public List<String> apply(List<String> departmentCodes) throws ExecutionException, InterruptedException {
        Map<String, Set<AclBinding>> rights = new LinkedHashMap<>();
        departmentCodes.forEach(code -> rights.put(code, policy.department(code)));
        List<String> changes = new ArrayList<>(identities.grant(rights));
        changes.addAll(identities.revokeDepartmentsOtherThan(new LinkedHashSet<>(departmentCodes), policy));
        return changes;
    }
}

package org.dmhub.hub.access;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.acl.AclBinding;

/**
 * The principals that do not come and go with the framework: the hub's own and the national consumers'. Given their
 * logins and rights when the hub starts, before it first talks to the broker as itself.
 */
public final class StandingPrincipals {

    /**
     * @param hubLogin the hub's own Kafka login, when it is a SCRAM login of the policy's hub user: its login is created
     *     with this password when the broker has none
     */
    public StandingPrincipals(AccessPolicy policy, BrokerIdentities identities, ScramLogin hubLogin) {
        try {
            if (hubLogin != null) {
                identities.grantKnownLogin(hubLogin, policy.hub());
            } else {
                identities.grantRights(policy.hubUser(), policy.hub());
            }
            Map<String, Set<AclBinding>> nationalConsumers = new LinkedHashMap<>();
            policy.nationalConsumers().forEach(name -> nationalConsumers.put(name, policy.nationalConsumer(name)));
            identities.grant(nationalConsumers);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not give the hub and the national consumers their logins and rights at the"
                    + " broker (as dmhub.security.broker.admin-username): " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while giving the hub its rights at the broker", e);
        }
    }
}

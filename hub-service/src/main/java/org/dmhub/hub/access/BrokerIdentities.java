package org.dmhub.hub.access;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialDeletion;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.config.SaslConfigs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies an {@link AccessPolicy} at the broker through its Admin API, logged in as the focal point: SCRAM-SHA-512
 * logins and ACLs. Applying the same policy again changes nothing.
 *
 * <p>A principal with no login at the broker gets one, with the password of its file in the {@link CredentialsStore}
 * (generated when there is none). A login the broker has is left as it is, except: when the principal already holds
 * rights of the policy (the hub made it) and its password file is gone, it gets a newly generated password (how a
 * password is renewed); when it holds none and its password file exists, it takes that password (how a login made
 * by hand is taken over). A login the hub did not make and has no password file for is never touched: applying such
 * a principal is refused, so that no other party's login (the broker's own, say) is ever changed.
 */
public final class BrokerIdentities {

    private static final Logger log = LoggerFactory.getLogger(BrokerIdentities.class);
    private static final int SCRAM_ITERATIONS = 8192;
    private static final int API_TIMEOUT_MS = 30_000;

    private final Map<String, Object> adminConfig;
    private final CredentialsStore credentials;

    /**
     * @param clientConfig the hub's Kafka client settings (bootstrap servers, security protocol, TLS)
     * @param adminUser the focal point's user, a super user of the broker
     */
    public BrokerIdentities(Map<String, Object> clientConfig, String adminUser, String adminPassword, CredentialsStore credentials) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(SaslConfigs.SASL_MECHANISM, ScramLogin.MECHANISM);
        config.put(SaslConfigs.SASL_JAAS_CONFIG, new ScramLogin(adminUser, adminPassword).jaasConfig());
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, "dmhub-hub-identities");
        config.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, API_TIMEOUT_MS);
        this.adminConfig = Map.copyOf(config);
        this.credentials = credentials;
    }

    /**
     * Gives the user of {@code login} a login with its password when it has none (the hub's own: it knows its password,
     * it logs in with it) and the rights it lacks.
     *
     * @return what changed, one line each
     */
    public List<String> grantKnownLogin(ScramLogin login, Set<AclBinding> rights) throws ExecutionException, InterruptedException {
        try (Admin admin = Admin.create(adminConfig)) {
            List<String> changes = new ArrayList<>();
            if (!usersWithLogin(admin).contains(login.username())) {
                upsert(admin, List.of(login));
                changes.add(AccessPolicy.principal(login.username()) + ": login created with the password of its own Kafka login");
            }
            changes.addAll(grantRights(admin, Map.of(login.username(), rights)));
            return logged(changes);
        }
    }

    /** Gives {@code user} the rights it lacks; its login is another party's business. */
    public List<String> grantRights(String user, Set<AclBinding> rights) throws ExecutionException, InterruptedException {
        try (Admin admin = Admin.create(adminConfig)) {
            return logged(grantRights(admin, Map.of(user, rights)));
        }
    }

    /**
     * Gives each principal a login where it needs one (see the class comment) and the rights it lacks.
     *
     * @param rightsByUser the principals and their rights under the policy
     * @return what changed, one line each
     * @throws IllegalStateException when a principal has a login the hub did not make and no password file; nothing
     *     is changed then
     */
    public List<String> grant(Map<String, Set<AclBinding>> rightsByUser) throws ExecutionException, InterruptedException {
        try (Admin admin = Admin.create(adminConfig)) {
            Set<String> withLogin = usersWithLogin(admin);
            Set<AclBinding> existing = existingRights(admin);
            List<String> refused = new ArrayList<>();
            List<String> needingLogin = new ArrayList<>();
            for (Map.Entry<String, Set<AclBinding>> principal : rightsByUser.entrySet()) {
                String user = principal.getKey();
                boolean madeByHub = principal.getValue().stream().anyMatch(existing::contains);
                boolean hasFile = Files.exists(credentials.fileOf(user));
                if (!withLogin.contains(user) || madeByHub != hasFile) {
                    needingLogin.add(user);
                } else if (!madeByHub) {
                    refused.add(AccessPolicy.principal(user) + " already has a login at the broker that DM Hub did not make; write"
                            + " its password to " + credentials.fileOf(user) + " for the hub to take it over");
                }
            }
            if (!refused.isEmpty()) {
                throw new IllegalStateException(String.join("; ", refused));
            }
            List<String> changes = new ArrayList<>();
            List<ScramLogin> logins = new ArrayList<>();
            for (String user : needingLogin) {
                CredentialsStore.Credential credential = credentials.obtain(user);
                logins.add(new ScramLogin(user, credential.password()));
                String how = withLogin.contains(user) ? (credential.generated() ? "new password" : "login taken over with the password of")
                        : (credential.generated() ? "login created, password" : "login created with the password of");
                changes.add(AccessPolicy.principal(user) + ": " + how + (credential.generated() ? " written to " : " ") + credential.file());
            }
            upsert(admin, logins);
            changes.addAll(grantRights(admin, rightsByUser));
            return logged(changes);
        }
    }

    /**
     * Removes the login and the rights of every department the policy gave rights to (see
     * {@link AccessPolicy#departmentOf}) that is not in {@code kept}. Its password file is left: a department added
     * again gets the same password back.
     *
     * @return what changed, one line each
     */
    public List<String> revokeDepartmentsOtherThan(Set<String> kept, AccessPolicy policy) throws ExecutionException, InterruptedException {
        try (Admin admin = Admin.create(adminConfig)) {
            Set<AclBinding> existing = existingRights(admin);
            Set<String> removed = existing.stream().map(policy::departmentOf).flatMap(Optional::stream)
                    .filter(code -> !kept.contains(code)).collect(Collectors.toCollection(TreeSet::new));
            if (removed.isEmpty()) {
                return List.of();
            }
            Set<String> withLogin = usersWithLogin(admin);
            List<UserScramCredentialAlteration> deletions = removed.stream().filter(withLogin::contains)
                    .map(code -> (UserScramCredentialAlteration) new UserScramCredentialDeletion(code, ScramMechanism.SCRAM_SHA_512))
                    .toList();
            if (!deletions.isEmpty()) {
                admin.alterUserScramCredentials(deletions).all().get();
            }
            List<String> changes = new ArrayList<>();
            Set<AclBinding> marks = new LinkedHashSet<>();
            Set<AclBinding> others = new LinkedHashSet<>();
            for (String code : removed) {
                Set<AclBinding> rights = new LinkedHashSet<>(policy.department(code));
                rights.retainAll(existing);
                rights.forEach(right -> (policy.departmentOf(right).isPresent() ? marks : others).add(right));
                changes.add(AccessPolicy.principal(code) + ": " + (withLogin.contains(code) ? "login and " : "") + rights.size()
                        + " rights removed (no longer in the framework)");
            }
            // the marks last: a removal cut short is found again and finished by the next one
            delete(admin, others);
            delete(admin, marks);
            return logged(changes);
        }
    }

    private List<String> grantRights(Admin admin, Map<String, Set<AclBinding>> rightsByUser) throws ExecutionException, InterruptedException {
        Set<AclBinding> existing = existingRights(admin);
        List<AclBinding> missing = new ArrayList<>();
        List<String> changes = new ArrayList<>();
        rightsByUser.forEach((user, rights) -> {
            List<AclBinding> lacking = rights.stream().filter(right -> !existing.contains(right)).toList();
            if (!lacking.isEmpty()) {
                missing.addAll(lacking);
                changes.add(AccessPolicy.principal(user) + ": " + lacking.size() + " rights granted");
            }
        });
        if (!missing.isEmpty()) {
            admin.createAcls(missing).all().get();
        }
        return changes;
    }

    private static void upsert(Admin admin, List<ScramLogin> logins) throws ExecutionException, InterruptedException {
        if (logins.isEmpty()) {
            return;
        }
        List<UserScramCredentialAlteration> upserts = logins.stream()
                .map(login -> (UserScramCredentialAlteration) new UserScramCredentialUpsertion(login.username(),
                        new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, SCRAM_ITERATIONS), login.password()))
                .toList();
        admin.alterUserScramCredentials(upserts).all().get();
    }

    private static void delete(Admin admin, Set<AclBinding> rights) throws ExecutionException, InterruptedException {
        if (!rights.isEmpty()) {
            admin.deleteAcls(rights.stream().map(AclBinding::toFilter).toList()).all().get();
        }
    }

    private static Set<String> usersWithLogin(Admin admin) throws ExecutionException, InterruptedException {
        return admin.describeUserScramCredentials().all().get().values().stream()
                .filter(description -> description.credentialInfos().stream()
                        .anyMatch(info -> info.mechanism() == ScramMechanism.SCRAM_SHA_512))
                .map(description -> description.name())
                .collect(Collectors.toSet());
    }

    private static Set<AclBinding> existingRights(Admin admin) throws ExecutionException, InterruptedException {
        return new HashSet<>(admin.describeAcls(AclBindingFilter.ANY).values().get());
    }

    private static List<String> logged(List<String> changes) {
        changes.forEach(change -> log.info("broker access: {}", change));
        return changes;
    }
}

package org.dmhub.hub.api.security;

import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who may use the hub's API and dashboard in secure mode ({@code dmhub.security.enabled=true}): read by
 * {@link ApiUsers}, which refuses at startup what it cannot use, naming the property.
 *
 * @param users local users: name, bcrypt hash of the password, roles
 * @param usersFile a YAML file of more users ({@code users:} as above), readable by the hub's owner only
 * @param rolesClaim the claim of a JWT bearer token that holds the caller's roles (a list or a space-separated
 *     string); a dotted path reaches into an object, e.g. {@code realm_access.roles}
 * @param forwardingSecretFile a file holding a secret of at least 32 characters, the same for every hub instance, readable
 *     by the hub's owner only: an instance signs with it what it asks another one for the part of the view that one
 *     holds (needed when several instances run)
 */
@ConfigurationProperties("dmhub.security.api")
public record ApiSecurityProperties(
        @DefaultValue List<User> users,
        Path usersFile,
        @DefaultValue("roles") String rolesClaim,
        Path forwardingSecretFile) {

    /**
     * @param name the login name
     * @param passwordHash the password's bcrypt hash, {@code {bcrypt}$2a$10$...} (java -cp dmhub-hub.jar
     *     -Dloader.main=org.dmhub.hub.api.security.PasswordHash org.springframework.boot.loader.launch.PropertiesLauncher)
     * @param roles {@link ApiRole} names
     */
    public record User(String name, String passwordHash, @DefaultValue List<String> roles) {
    }
}

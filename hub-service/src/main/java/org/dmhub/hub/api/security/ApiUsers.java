package org.dmhub.hub.api.security;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.dmhub.secrets.OwnerOnlyFiles;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The local users of secure mode, from {@code dmhub.security.api.users} and {@code dmhub.security.api.users-file}.
 * A user without a name, without a bcrypt hash, without a role or with an unknown one stops the hub at startup with
 * the property's name: a user that cannot log in, or could with any password, is a mistake to be told at once.
 */
final class ApiUsers {

    /** A bcrypt hash as {@code BCryptPasswordEncoder} writes it ({@code $2a$}, {@code $2b$} or {@code $2y$}, cost, 53 characters). */
    private static final Pattern BCRYPT = Pattern.compile("\\$2[aby]\\$\\d\\d\\$[./A-Za-z0-9]{53}");
    private static final String BCRYPT_PREFIX = "{bcrypt}";
    /** The lowest bcrypt cost accepted: 2^10 rounds, BCryptPasswordEncoder's default. */
    private static final int MIN_COST = 10;
    private static final String PROPERTY = "dmhub.security.api.users";
    private static final String FILE_PROPERTY = "dmhub.security.api.users-file";

    private final List<UserDetails> users;

    private ApiUsers(List<UserDetails> users) {
        this.users = users;
    }

    static ApiUsers from(ApiSecurityProperties properties) {
        List<UserDetails> users = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < properties.users().size(); i++) {
            ApiSecurityProperties.User user = properties.users().get(i);
            users.add(user(PROPERTY + "[" + i + "]", user.name(), user.passwordHash(), user.roles(), names));
        }
        if (properties.usersFile() != null) {
            String where = FILE_PROPERTY + " (" + properties.usersFile() + "): users";
            JsonNode file;
            try {
                file = YAMLMapper.builder().build().readTree(OwnerOnlyFiles.read(properties.usersFile(), FILE_PROPERTY));
            } catch (JacksonException notYaml) {
                throw new IllegalStateException(FILE_PROPERTY + ": " + properties.usersFile() + " is not YAML ("
                        + notYaml.getOriginalMessage() + ")");
            }
            JsonNode listed = file == null ? null : file.path("users");
            if (listed == null || !listed.isArray()) {
                throw new IllegalStateException(where + ": missing; the file lists its users under users:, each with name,"
                        + " password-hash and roles");
            }
            for (int i = 0; i < listed.size(); i++) {
                JsonNode user = listed.get(i);
                List<String> roles = new ArrayList<>();
                user.path("roles").forEach(role -> roles.add(role.asString()));
                users.add(user(where + "[" + i + "]", text(user, "name"), text(user, "password-hash"), roles, names));
            }
        }
        return new ApiUsers(List.copyOf(users));
    }

    boolean isEmpty() {
        return users.isEmpty();
    }

    InMemoryUserDetailsManager userDetailsService() {
        return new InMemoryUserDetailsManager(users);
    }

    private static UserDetails user(String where, String name, String passwordHash, List<String> roles, Set<String> names) {
        if (name == null || name.isBlank()) {
            throw new IllegalStateException(where + ".name: missing; every user needs a login name");
        }
        if (!names.add(name)) {
            throw new IllegalStateException(where + ".name: " + name + " is defined twice");
        }
        String hash = passwordHash == null ? "" : passwordHash.startsWith(BCRYPT_PREFIX)
                ? passwordHash.substring(BCRYPT_PREFIX.length()) : passwordHash;
        if (!BCRYPT.matcher(hash).matches()) {
            throw new IllegalStateException(where + ".password-hash: " + (passwordHash == null ? "missing" : "not a bcrypt hash")
                    + " for user " + name + "; write {bcrypt}$2a$10$... as the hub's PasswordHash prints it (the password is"
                    + " never written in the configuration)");
        }
        int cost = Integer.parseInt(hash.substring(4, 6));
        if (cost < MIN_COST) {
            throw new IllegalStateException(where + ".password-hash: the bcrypt cost of user " + name + "'s hash is " + cost
                    + "; hash the password with a cost of " + MIN_COST + " or more (the hub's PasswordHash uses " + MIN_COST + ")");
        }
        if (roles.isEmpty()) {
            throw new IllegalStateException(where + ".roles: missing for user " + name + "; give one or more of " + ApiRole.names());
        }
        Set<String> authorities = new LinkedHashSet<>();
        for (int r = 0; r < roles.size(); r++) {
            String role = roles.get(r);
            String property = where + ".roles[" + r + "]";
            authorities.add(ApiRole.named(role == null ? "" : role).orElseThrow(() -> new IllegalStateException(property
                    + ": " + role + " is not a role (user " + name + "); the roles are " + ApiRole.names())).authority());
        }
        return User.withUsername(name).password(hash).authorities(authorities.toArray(String[]::new)).build();
    }

    private static String text(JsonNode user, String field) {
        JsonNode value = user.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }
}

package org.dmhub.hub.api.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

class ApiUsersTest {

    private static final String HASH = new BCryptPasswordEncoder().encode("a long enough password");

    @Test
    void usersOfTheConfigurationAndOfTheirFileLogInWithTheirRoles(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("users.yaml");
        Files.writeString(file, "users:\n  - name: prometheus\n    password-hash: \"" + HASH + "\"\n    roles: [METRICS]\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));

        var users = ApiUsers.from(properties(file, new ApiSecurityProperties.User("focal", "{bcrypt}" + HASH, List.of("FOCAL_POINT")),
                new ApiSecurityProperties.User("viewer", HASH, List.of("viewer")))).userDetailsService();

        assertThat(users.loadUserByUsername("focal").getAuthorities()).map(GrantedAuthority::getAuthority).containsExactly("ROLE_FOCAL_POINT");
        assertThat(users.loadUserByUsername("viewer").getAuthorities()).map(GrantedAuthority::getAuthority).containsExactly("ROLE_VIEWER");
        assertThat(users.loadUserByUsername("prometheus").getAuthorities()).map(GrantedAuthority::getAuthority).containsExactly("ROLE_METRICS");
        assertThat(new BCryptPasswordEncoder().matches("a long enough password", users.loadUserByUsername("focal").getPassword())).isTrue();
    }

    @Test
    void aUserThatCouldNotLogInOrCouldWithAnyPasswordIsRefusedNamingTheProperty() {
        assertRefused(new ApiSecurityProperties.User("focal", "{noop}secret", List.of("FOCAL_POINT")),
                "dmhub.security.api.users[0].password-hash: not a bcrypt hash for user focal");
        assertRefused(new ApiSecurityProperties.User("focal", null, List.of("FOCAL_POINT")),
                "dmhub.security.api.users[0].password-hash: missing for user focal");
        assertRefused(new ApiSecurityProperties.User("focal", new BCryptPasswordEncoder(4).encode("x"), List.of("FOCAL_POINT")),
                "dmhub.security.api.users[0].password-hash: the bcrypt cost of user focal's hash is 4");
        assertRefused(new ApiSecurityProperties.User("focal", HASH, List.of("VIEWER", "ADMIN")),
                "dmhub.security.api.users[0].roles[1]: ADMIN is not a role (user focal); the roles are VIEWER, FOCAL_POINT, METRICS");
        assertRefused(new ApiSecurityProperties.User("focal", HASH, List.of()), "dmhub.security.api.users[0].roles: missing for user focal");
        assertRefused(new ApiSecurityProperties.User(" ", HASH, List.of("VIEWER")), "dmhub.security.api.users[0].name: missing");
        assertThatThrownBy(() -> ApiUsers.from(properties(null, new ApiSecurityProperties.User("focal", HASH, List.of("VIEWER")),
                new ApiSecurityProperties.User("focal", HASH, List.of("VIEWER")))))
                .hasMessage("dmhub.security.api.users[1].name: focal is defined twice");
    }

    @Test
    void aUsersFileOthersMayReadOrThatListsNoUsersIsRefused(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("users.yaml");
        Files.writeString(file, "users:\n  - name: focal\n    password-hash: \"" + HASH + "\"\n    roles: [FOCAL_POINT]\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> ApiUsers.from(properties(file))).hasMessageContaining("dmhub.security.api.users-file: " + file
                + " may be read or changed by others than its owner").hasMessageContaining("chmod 600 " + file);

        Files.writeString(file, "people: []\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        assertThatThrownBy(() -> ApiUsers.from(properties(file))).hasMessageStartingWith("dmhub.security.api.users-file (" + file
                + "): users: missing");

        Files.writeString(file, "users:\n  - name: focal\n    password-hash: plain\n    roles: [FOCAL_POINT]\n");
        assertThatThrownBy(() -> ApiUsers.from(properties(file))).hasMessageStartingWith("dmhub.security.api.users-file (" + file
                + "): users[0].password-hash: not a bcrypt hash for user focal");
        assertThatThrownBy(() -> ApiUsers.from(properties(dir.resolve("missing.yaml"))))
                .hasMessageContaining("dmhub.security.api.users-file: " + dir.resolve("missing.yaml") + " is not a file");
    }

    private static void assertRefused(ApiSecurityProperties.User user, String message) {
        assertThatThrownBy(() -> ApiUsers.from(properties(null, user))).hasMessageStartingWith(message);
    }

    private static ApiSecurityProperties properties(Path usersFile, ApiSecurityProperties.User... users) {
        return new ApiSecurityProperties(List.of(users), usersFile, "roles", null);
    }
}

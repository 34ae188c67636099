package org.dmhub.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

class RegisteredClientsTest {

    private static final String SECRET = "a-secret-of-enough-length";

    @TempDir
    Path folder;

    @Test
    void aClientWithASecretFileLogsInWithThatSecretOnlyAndCarriesItsRoles() throws Exception {
        Path secretFile = ownerOnly("focal-point.secret", SECRET + "\n");

        List<RegisteredClient> clients = RegisteredClients.from(properties(Map.of("focal-point",
                new IdentityProperties.Client(secretFile, null, List.of("sr-admin")))));

        RegisteredClient client = clients.get(0);
        assertThat(client.getClientId()).isEqualTo("focal-point");
        assertThat(client.getClientSecret()).startsWith("{bcrypt}").doesNotContain(SECRET);
        var encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
        assertThat(encoder.matches(SECRET, client.getClientSecret())).isTrue();
        assertThat(encoder.matches(SECRET + "x", client.getClientSecret())).isFalse();
        assertThat(client.getAuthorizationGrantTypes()).containsExactly(AuthorizationGrantType.CLIENT_CREDENTIALS);
        assertThat(client.getClientSettings().<List<String>>getSetting(RegisteredClients.ROLES_SETTING)).containsExactly("sr-admin");
        assertThat(client.getTokenSettings().getAccessTokenTimeToLive()).isEqualTo(Duration.ofMinutes(30));
    }

    @Test
    void aClientWithABcryptHashKeepsIt() {
        String hash = RegisteredClients.hash(SECRET);

        RegisteredClient client = RegisteredClients.from(properties(Map.of("dmhub-hub",
                new IdentityProperties.Client(null, hash, List.of("sr-readonly"))))).get(0);

        assertThat(client.getClientSecret()).isEqualTo(hash);
    }

    @Test
    void noClientIsRefused() {
        assertThatThrownBy(() -> RegisteredClients.from(properties(Map.of())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dmhub.identity.clients: no client");
    }

    @Test
    void aClientNeedsExactlyOneOfSecretFileAndSecretHash() throws Exception {
        Path secretFile = ownerOnly("x.secret", SECRET);
        assertThatThrownBy(() -> RegisteredClients.from(properties(Map.of("x",
                new IdentityProperties.Client(null, null, List.of("sr-readonly"))))))
                .hasMessageContaining("dmhub.identity.clients.x: give exactly one of secret-file and secret-hash");
        assertThatThrownBy(() -> RegisteredClients.from(properties(Map.of("x",
                new IdentityProperties.Client(secretFile, RegisteredClients.hash(SECRET), List.of("sr-readonly"))))))
                .hasMessageContaining("dmhub.identity.clients.x: give exactly one of secret-file and secret-hash");
    }

    @Test
    void aHashThatIsNotBcryptIsRefused() {
        assertThatThrownBy(() -> RegisteredClients.from(properties(Map.of("x",
                new IdentityProperties.Client(null, "{noop}" + SECRET, List.of("sr-readonly"))))))
                .hasMessageContaining("dmhub.identity.clients.x.secret-hash").hasMessageContaining("hash-secret")
                .hasMessageNotContaining(SECRET);
    }

    @Test
    void aSecretFileOthersMayReadIsRefused() throws Exception {
        Path secretFile = ownerOnly("x.secret", SECRET);
        Files.setPosixFilePermissions(secretFile, PosixFilePermissions.fromString("rw-r--r--"));

        assertThatThrownBy(() -> RegisteredClients.from(properties(Map.of("x",
                new IdentityProperties.Client(secretFile, null, List.of("sr-readonly"))))))
                .hasMessageContaining("dmhub.identity.clients.x.secret-file").hasMessageContaining("chmod 600");
    }

    @Test
    void aMissingOrShortOrEmptySecretFileIsRefused() throws Exception {
        Path missing = folder.resolve("missing.secret");
        Path shortSecret = ownerOnly("short.secret", "short");
        Path empty = ownerOnly("empty.secret", "\n");
        for (Path file : List.of(missing, shortSecret, empty)) {
            assertThatThrownBy(() -> RegisteredClients.from(properties(Map.of("x",
                    new IdentityProperties.Client(file, null, List.of("sr-readonly"))))))
                    .as(file.toString()).hasMessageContaining("dmhub.identity.clients.x.secret-file").hasMessageNotContaining("short\n");
        }
    }

    @Test
    void aClientNeedsRolesWithPlainNames() throws Exception {
        Path secretFile = ownerOnly("x.secret", SECRET);
        assertThatThrownBy(() -> RegisteredClients.from(properties(Map.of("x",
                new IdentityProperties.Client(secretFile, null, List.of())))))
                .hasMessageContaining("dmhub.identity.clients.x.roles: at least one role");
        assertThatThrownBy(() -> RegisteredClients.from(properties(Map.of("x",
                new IdentityProperties.Client(secretFile, null, List.of("sr admin"))))))
                .hasMessageContaining("dmhub.identity.clients.x.roles: 'sr admin' is not a role name");
    }

    @Test
    void aClientIdWithOtherCharactersIsRefused() throws Exception {
        Path secretFile = ownerOnly("x.secret", SECRET);
        assertThatThrownBy(() -> RegisteredClients.from(properties(Map.of("dept stc",
                new IdentityProperties.Client(secretFile, null, List.of("sr-readonly"))))))
                .hasMessageContaining("dmhub.identity.clients.dept stc: a client id may only hold");
    }

    @Test
    void aTokenLifetimeMustBePositive() throws Exception {
        Path secretFile = ownerOnly("x.secret", SECRET);
        IdentityProperties properties = new IdentityProperties(null, null, Duration.ZERO,
                Map.of("x", new IdentityProperties.Client(secretFile, null, List.of("sr-readonly"))));
        assertThatThrownBy(() -> RegisteredClients.from(properties)).hasMessageContaining("dmhub.identity.access-token-lifetime");
    }

    private static IdentityProperties properties(Map<String, IdentityProperties.Client> clients) {
        return new IdentityProperties(null, null, Duration.ofMinutes(30), clients);
    }

    private Path ownerOnly(String name, String text) throws Exception {
        Path file = Files.createFile(folder.resolve(name), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        return Files.writeString(file, text);
    }
}

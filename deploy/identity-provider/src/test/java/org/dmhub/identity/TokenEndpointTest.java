package org.dmhub.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The provider over HTTP: the token a client gets, with its roles, and what is refused. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TokenEndpointTest {

    private static final String SECRET = "department-stc-secret-2026";

    @Value("${local.server.port}")
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void clients(DynamicPropertyRegistry registry) throws Exception {
        Path folder = Files.createTempDirectory("dmhub-identity-test");
        Path secretFile = Files.createFile(folder.resolve("stc.secret"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(secretFile, SECRET);
        registry.add("dmhub.identity.clients.dept-stc.secret-file", secretFile::toString);
        registry.add("dmhub.identity.clients.dept-stc.roles", () -> "sr-readonly");
    }

    @Test
    void aClientGetsAnAccessTokenWithItsRolesInTheRolesClaim() throws Exception {
        HttpResponse<String> response = token("/oauth2/token", "dept-stc", SECRET);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        String token = response.body().replaceAll(".*\"access_token\":\"([^\"]+)\".*", "$1");
        String claims = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
        assertThat(claims).contains("\"sub\":\"dept-stc\"", "\"roles\":[\"sr-readonly\"]");
        assertThat(response.body()).contains("\"expires_in\":1799");
    }

    @Test
    void theTokenEndpointWithATrailingSlashIsTheSame() throws Exception {
        assertThat(token("/oauth2/token/", "dept-stc", SECRET).statusCode()).isEqualTo(200);
    }

    @Test
    void aWrongSecretOrAnUnknownClientGetsNoToken() throws Exception {
        assertThat(token("/oauth2/token", "dept-stc", SECRET + "x").statusCode()).isEqualTo(401);
        assertThat(token("/oauth2/token", "dept-skhdt", SECRET).statusCode()).isEqualTo(401);
    }

    @Test
    void discoveryNamesTheTokenEndpointAndAnythingElseIsRefused() throws Exception {
        HttpResponse<String> discovery = get("/.well-known/openid-configuration");
        assertThat(discovery.statusCode()).isEqualTo(200);
        assertThat(discovery.body()).contains("\"token_endpoint\":\"http://localhost:" + port + "/oauth2/token\"");
        assertThat(get("/login").statusCode()).isEqualTo(403);
        assertThat(get("/").statusCode()).isEqualTo(403);
    }

    private HttpResponse<String> token(String path, String clientId, String secret) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id=" + clientId
                        + "&client_secret=" + secret)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}

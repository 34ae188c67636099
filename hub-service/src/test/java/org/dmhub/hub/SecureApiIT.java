package org.dmhub.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import org.dmhub.hub.api.security.InstanceSignature;
import org.dmhub.testsupport.RegistryProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The hub in secure mode, against a real broker and registry, over real HTTP: who may read, who may apply the
 * framework, what a browser session and a cross-site page can do, what the actuator shows to whom, JWT bearer
 * tokens of an identity provider (its public key in a file), signed requests between instances, and the startup
 * refusal of a user it could not use.
 */
// the context is closed with the class: a hub left running would keep working, against a registry that is gone
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "dmhub.security.enabled=true",
        // the API's part of the secure mode; the broker's and the registry's have tests of their own
        "dmhub.security.broker.enabled=false",
        "dmhub.security.registry.enabled=false",
        "dmhub.limits.max-framework-file=64KB"})
@EmbeddedKafka(bootstrapServersProperty = "spring.kafka.bootstrap-servers",
        brokerProperties = {"transaction.state.log.replication.factor=1", "transaction.state.log.min.isr=1"})
class SecureApiIT {

    private static final RegistryProcess registry = RegistryProcess.startInTempDir();
    private static final Path SAMPLE_FRAMEWORK = Path.of("../deploy/local/sample-framework.yaml");
    private static final String FOCAL = "focal", FOCAL_PASSWORD = "focal point's long password";
    private static final String VIEWER = "viewer", VIEWER_PASSWORD = "viewer's long password";
    private static final String METRICS = "prometheus", METRICS_PASSWORD = "prometheus' long password";
    private static final String FORWARDING_SECRET = "a forwarding secret shared by every hub instance";
    private static final String CROSS_SITE = "https://attacker.example";
    private static final KeyPair PROVIDER_KEY = rsaKey();
    private static final Path SECRETS = secrets();

    @DynamicPropertySource
    static void hubSettings(DynamicPropertyRegistry properties) {
        properties.add("dmhub.registry-url", registry::baseUrl);
        properties.add("spring.kafka.streams.state-dir", () -> "target/streams-state/" + System.nanoTime());
        properties.add("dmhub.rollup.emit-interval", () -> "100ms");
        BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder();
        String[][] users = {{FOCAL, FOCAL_PASSWORD, "FOCAL_POINT"}, {VIEWER, VIEWER_PASSWORD, "VIEWER"}, {METRICS, METRICS_PASSWORD, "METRICS"}};
        for (int i = 0; i < users.length; i++) {
            String[] user = users[i];
            properties.add("dmhub.security.api.users[" + i + "].name", () -> user[0]);
            String hash = "{bcrypt}" + bcrypt.encode(user[1]);
            properties.add("dmhub.security.api.users[" + i + "].password-hash", () -> hash);
            properties.add("dmhub.security.api.users[" + i + "].roles[0]", () -> user[2]);
        }
        properties.add("dmhub.security.api.forwarding-secret-file", () -> SECRETS.resolve("forwarding-secret").toString());
        properties.add("spring.security.oauth2.resourceserver.jwt.public-key-location",
                () -> SECRETS.resolve("provider.pem").toUri().toString());
    }

    @AfterAll
    static void stopRegistry() {
        registry.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    EmbeddedKafkaBroker broker;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aRequestWithoutCredentialsIsAnswered401WithTheSchemesTheHubTakes() throws Exception {
        for (HttpResponse<String> refused : List.of(send(get("/api/catalog/indicators")), send(postYaml(false)),
                send(get("/api/reporting?period=2026-10").header("Authorization", basic(VIEWER, "wrong password"))))) {
            assertProblem(refused, 401, "unauthenticated");
            assertThat(refused.headers().allValues("WWW-Authenticate")).contains("Basic realm=\"DM Hub\", charset=\"UTF-8\"",
                    "Bearer realm=\"DM Hub\"");
        }
        // the dashboard's own calls: no challenge, which would open the browser's password dialog
        HttpResponse<String> dashboardCall = send(get("/api/catalog/indicators").header("X-Requested-With", "XMLHttpRequest"));
        assertProblem(dashboardCall, 401, "unauthenticated");
        assertThat(dashboardCall.headers().allValues("WWW-Authenticate")).isEmpty();
    }

    @Test
    void aViewerReadsButMayNotApplyAFramework() throws Exception {
        assertThat(send(get("/api/catalog/departments").header("Authorization", basic(VIEWER, VIEWER_PASSWORD))).statusCode()).isEqualTo(200);
        HttpResponse<String> refused = send(postYaml(false).header("Authorization", basic(VIEWER, VIEWER_PASSWORD)));
        assertProblem(refused, 403, "forbidden");
        assertThat(json(refused).path("detail").asString()).contains("changes need the role FOCAL_POINT");
    }

    @Test
    void theFocalPointAppliesTheFramework() throws Exception {
        HttpResponse<String> applied = send(postYaml(false).header("Authorization", basic(FOCAL, FOCAL_PASSWORD)));
        assertThat(applied.statusCode()).as(applied.body()).isEqualTo(200);
        assertThat(json(applied).path("indicators").asInt()).isEqualTo(23);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                send(get("/api/catalog/indicators/HC-03").header("Authorization", basic(VIEWER, VIEWER_PASSWORD))).statusCode()).isEqualTo(200));
    }

    @Test
    void aCrossSitePlainTextPostIsRefusedWhateverTheLogin() throws Exception {
        // a page of another site posts a form (text/plain) in the browser of someone with no session, then with one
        HttpResponse<String> anonymous = send(crossSitePost().header("Sec-Fetch-Site", "cross-site"));
        assertProblem(anonymous, 403, "cross-site-request");
        Session focal = logIn(FOCAL, FOCAL_PASSWORD);
        assertProblem(focal.send(crossSitePost().header("Sec-Fetch-Site", "cross-site")), 403, "cross-site-request");
        // a browser that sends no Sec-Fetch-Site: the session cookie without its CSRF token is not enough
        assertProblem(focal.send(crossSitePost()), 403, "csrf");
        // credentials in the Authorization header (which a browser may also have cached): text/plain is no framework
        HttpResponse<String> plainText = send(crossSitePost().header("Authorization", basic(FOCAL, FOCAL_PASSWORD)));
        assertProblem(plainText, 415, "unsupported-media-type");
        assertThat(json(plainText).path("detail").asString()).startsWith("Content-Type text/plain is not accepted; send the body"
                + " as one of: application/yaml, application/x-yaml, text/yaml, application/json");
        for (String formType : List.of("application/x-www-form-urlencoded", "multipart/form-data; boundary=x")) {
            assertProblem(send(request("/api/catalog").header("Authorization", basic(FOCAL, FOCAL_PASSWORD)).header("Content-Type", formType)
                    .POST(HttpRequest.BodyPublishers.ofString("a=b"))), 415, "unsupported-media-type");
        }
        // no Content-Type at all (a fetch of a Blob without type needs no preflight either)
        assertProblem(send(request("/api/catalog").header("Authorization", basic(FOCAL, FOCAL_PASSWORD))
                .POST(HttpRequest.BodyPublishers.ofString("departments: []"))), 415, "unsupported-media-type");
    }

    @Test
    void aBrowserSessionSendsItsCsrfTokenForChangesAndItsRolesHold() throws Exception {
        assertProblem(logInAnswer(FOCAL, "wrong password"), 401, "login-failed");

        Session focal = logIn(FOCAL, FOCAL_PASSWORD);
        assertThat(json(focal.send(get("/api/session"))).path("roles").toString()).isEqualTo("[\"FOCAL_POINT\"]");
        assertProblem(focal.send(postYaml(true)), 403, "csrf");
        HttpResponse<String> checked = focal.send(postYaml(true).header("X-XSRF-TOKEN", focal.csrfToken()));
        assertThat(checked.statusCode()).as(checked.body()).isEqualTo(200);

        Session viewer = logIn(VIEWER, VIEWER_PASSWORD);
        assertThat(viewer.send(get("/api/catalog/areas")).statusCode()).isEqualTo(200);
        assertThat(json(viewer.send(get("/api/session"))).path("name").asString()).isEqualTo(VIEWER);
        assertProblem(viewer.send(postYaml(true).header("X-XSRF-TOKEN", viewer.csrfToken())), 403, "forbidden");

        assertThat(viewer.send(request("/logout").header("X-XSRF-TOKEN", viewer.csrfToken())
                .POST(HttpRequest.BodyPublishers.noBody())).statusCode()).isEqualTo(204);
        assertProblem(viewer.send(get("/api/catalog/areas")), 401, "unauthenticated");
    }

    @Test
    void theHealthSummaryIsForEveryoneItsDetailsForTheFocalPointOnly() throws Exception {
        for (HttpRequest.Builder summary : List.of(get("/actuator/health"),
                get("/actuator/health").header("Authorization", basic(VIEWER, VIEWER_PASSWORD)),
                get("/actuator/health").header("Authorization", basic(METRICS, METRICS_PASSWORD)))) {
            HttpResponse<String> health = send(summary);
            assertThat(health.statusCode()).isIn(200, 503);
            // the status and the names of the health groups (liveness, readiness), nothing about the parts
            assertThat(json(health).propertyNames()).as(health.body()).doesNotContain("components", "details").contains("status");
        }
        HttpResponse<String> details = send(get("/actuator/health").header("Authorization", basic(FOCAL, FOCAL_PASSWORD)));
        assertThat(json(details).path("components").path("catalog").path("details").isObject()).as(details.body()).isTrue();
        assertThat(json(details).path("components").path("streams").path("details").has("state")).as(details.body()).isTrue();

        assertProblem(send(get("/actuator/health/streams")), 401, "unauthenticated");
        assertThat(send(get("/actuator/health/streams").header("Authorization", basic(FOCAL, FOCAL_PASSWORD))).statusCode()).isIn(200, 503);
    }

    @Test
    void theActuatorIsTheFocalPointsAndPrometheusScrapesWithTheMetricsRole() throws Exception {
        assertProblem(send(get("/actuator/prometheus")), 401, "unauthenticated");
        assertProblem(send(get("/actuator/prometheus").header("Authorization", basic(VIEWER, VIEWER_PASSWORD))), 403, "forbidden");
        for (String scraper : List.of(METRICS, FOCAL)) {
            HttpResponse<String> scrape = send(get("/actuator/prometheus").header("Authorization",
                    basic(scraper, scraper.equals(FOCAL) ? FOCAL_PASSWORD : METRICS_PASSWORD)));
            assertThat(scrape.statusCode()).isEqualTo(200);
            assertThat(scrape.body()).contains("jvm_memory_used_bytes");
        }
        assertProblem(send(get("/actuator/metrics").header("Authorization", basic(METRICS, METRICS_PASSWORD))), 403, "forbidden");
        assertProblem(send(get("/actuator/metrics").header("Authorization", basic(VIEWER, VIEWER_PASSWORD))), 403, "forbidden");
        assertThat(send(get("/actuator/metrics").header("Authorization", basic(FOCAL, FOCAL_PASSWORD))).statusCode()).isEqualTo(200);
    }

    @Test
    void theDashboardAndItsLoginPageCarryTheContentSecurityPolicy() throws Exception {
        HttpResponse<String> anonymous = send(get("/"));
        assertThat(anonymous.statusCode()).isEqualTo(302);
        assertThat(anonymous.headers().firstValue("Location")).hasValueSatisfying(location -> assertThat(location).endsWith("/login.html"));

        Session viewer = logIn(VIEWER, VIEWER_PASSWORD);
        for (HttpResponse<String> page : List.of(send(get("/login.html")), viewer.send(get("/")), viewer.send(get("/index.html")),
                viewer.send(get("/dashboard.js")))) {
            assertThat(page.statusCode()).as(page.uri().toString()).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Security-Policy")).as(page.uri().toString()).hasValue(
                    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none';"
                    + " base-uri 'self'; frame-ancestors 'none'; form-action 'self'");
            assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        }
        assertThat(viewer.send(get("/")).body()).contains("id=\"reporting-table\"");
    }

    @Test
    void aBearerTokenOfTheIdentityProviderCarriesItsRoles() throws Exception {
        String viewerToken = token(PROVIDER_KEY, List.of("VIEWER", "offline_access"), Instant.now().plusSeconds(300));
        assertThat(send(get("/api/catalog/departments").header("Authorization", "Bearer " + viewerToken)).statusCode()).isEqualTo(200);
        assertProblem(send(postYaml(true).header("Authorization", "Bearer " + viewerToken)), 403, "forbidden");
        String focalToken = token(PROVIDER_KEY, List.of("FOCAL_POINT"), Instant.now().plusSeconds(300));
        HttpResponse<String> checked = send(postYaml(true).header("Authorization", "Bearer " + focalToken));
        assertThat(checked.statusCode()).as(checked.body()).isEqualTo(200);
        assertThat(json(send(get("/api/session").header("Authorization", "Bearer " + focalToken))).path("name").asString()).isEqualTo("ana");

        assertProblem(send(get("/api/catalog/departments").header("Authorization", "Bearer "
                + token(rsaKey(), List.of("FOCAL_POINT"), Instant.now().plusSeconds(300)))), 401, "unauthenticated");
        assertProblem(send(get("/api/catalog/departments").header("Authorization", "Bearer "
                + token(PROVIDER_KEY, List.of("FOCAL_POINT"), Instant.now().minusSeconds(600)))), 401, "unauthenticated");
    }

    @Test
    void aBodyBeyondTheLimitIsRefusedBeforeAnyLogin() throws Exception {
        byte[] oversized = new byte[65 * 1024];
        HttpResponse<String> refused = send(request("/api/catalog").header("Content-Type", "application/yaml")
                .POST(HttpRequest.BodyPublishers.ofByteArray(oversized)));
        assertProblem(refused, 413, "framework-too-large");
        assertThat(json(refused).path("detail").asString()).isEqualTo("the body has 66560 bytes; a framework file may have at most"
                + " 65536 bytes (dmhub.limits.max-framework-file)");
    }

    @Test
    void anotherInstanceReadsWithASignatureOfTheSharedSecretOnly() throws Exception {
        InstanceSignature signature = signature(FORWARDING_SECRET);
        URI session = URI.create("http://127.0.0.1:" + port + "/api/session");
        HttpResponse<String> signed = send(HttpRequest.newBuilder(session).header(InstanceSignature.HEADER, signature.sign(session)));
        assertThat(json(signed).path("name").asString()).as(signed.body()).isEqualTo("hub-instance");
        assertThat(json(signed).path("roles").toString()).isEqualTo("[\"VIEWER\"]");

        assertProblem(send(HttpRequest.newBuilder(session).header(InstanceSignature.HEADER,
                signature("another secret, not the instances' one").sign(session))), 401, "instance-signature");
        URI other = URI.create("http://127.0.0.1:" + port + "/api/catalog/areas");
        assertProblem(send(HttpRequest.newBuilder(session).header(InstanceSignature.HEADER, signature.sign(other))), 401, "instance-signature");
    }

    /**
     * What an instance asks another for in one request (the statuses it holds of several indicators, say) is read like
     * the rest of the view: with a login or an instance's signature; and only as a request between instances.
     */
    @Test
    void anInstanceAsksForAllItHoldsWithASignatureLikeAnyRead() throws Exception {
        URI held = URI.create("http://127.0.0.1:" + port + "/api/reporting/held?period=2026-10&indicator=NS-01&indicator=DN-01");
        assertProblem(send(HttpRequest.newBuilder(held).header("X-DmHub-Forwarded", "true")), 401, "unauthenticated");
        InstanceSignature signature = signature(FORWARDING_SECRET);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            HttpResponse<String> signed = send(HttpRequest.newBuilder(held).header("X-DmHub-Forwarded", "true")
                    .header(InstanceSignature.HEADER, signature.sign(held)));
            assertThat(signed.statusCode()).as(signed.body()).isEqualTo(200);
            assertThat(json(signed).isArray()).as(signed.body()).isTrue();
        });
        assertProblem(send(HttpRequest.newBuilder(held).header("Authorization", basic(VIEWER, VIEWER_PASSWORD))), 400, "instance-request");
    }

    @Test
    void aUserWithoutABcryptHashStopsTheHubAtStartupNamingTheProperty() {
        assertThatThrownBy(() -> SpringApplication.run(HubApplication.class,
                        "--server.port=0",
                        "--spring.kafka.bootstrap-servers=" + broker.getBrokersAsString(),
                        "--dmhub.registry-url=" + registry.baseUrl(),
                        "--spring.kafka.streams.state-dir=target/streams-state/" + System.nanoTime(),
                        "--dmhub.security.enabled=true",
                        "--dmhub.security.broker.enabled=false",
                        "--dmhub.security.registry.enabled=false",
                        "--dmhub.security.api.users[0].name=focal",
                        "--dmhub.security.api.users[0].password-hash=" + FOCAL_PASSWORD,
                        "--dmhub.security.api.users[0].roles[0]=FOCAL_POINT").close())
                .rootCause().hasMessageStartingWith("dmhub.security.api.users[0].password-hash: not a bcrypt hash for user focal")
                .message().doesNotContain(FOCAL_PASSWORD);
    }

    // ---------------------------------------------------------------- helpers

    /** A browser's session: its cookies (JSESSIONID, XSRF-TOKEN) sent with every request. */
    private final class Session {
        private final CookieManager cookies = new CookieManager();
        private final HttpClient client = HttpClient.newBuilder().cookieHandler(cookies).build();

        HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }

        String csrfToken() {
            return cookies.getCookieStore().getCookies().stream().filter(cookie -> cookie.getName().equals("XSRF-TOKEN"))
                    .map(HttpCookie::getValue).findFirst().orElseThrow(() -> new AssertionError("no XSRF-TOKEN cookie"));
        }
    }

    /** Logs in as the login page does: the CSRF token of the page's cookie, then the form. */
    private Session logIn(String name, String password) throws Exception {
        Session session = new Session();
        HttpResponse<String> loggedIn = logIn(session, name, password);
        assertThat(loggedIn.statusCode()).as(loggedIn.body()).isEqualTo(204);
        return session;
    }

    private HttpResponse<String> logInAnswer(String name, String password) throws Exception {
        return logIn(new Session(), name, password);
    }

    private HttpResponse<String> logIn(Session session, String name, String password) throws Exception {
        assertThat(session.send(get("/login.html")).statusCode()).isEqualTo(200);
        return session.send(request("/login").header("X-XSRF-TOKEN", session.csrfToken())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + URLEncoder.encode(name, StandardCharsets.UTF_8)
                        + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8))));
    }

    private HttpRequest.Builder crossSitePost() {
        return request("/api/catalog").header("Origin", CROSS_SITE).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("departments: []"));
    }

    private HttpRequest.Builder postYaml(boolean dryRun) throws IOException {
        return request("/api/catalog?dryRun=" + dryRun).header("Content-Type", "application/yaml")
                .POST(HttpRequest.BodyPublishers.ofByteArray(Files.readAllBytes(SAMPLE_FRAMEWORK)));
    }

    private HttpRequest.Builder get(String pathAndQuery) {
        return request(pathAndQuery).GET();
    }

    private HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String basic(String name, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((name + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static void assertProblem(HttpResponse<String> response, int status, String type) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).as(response.body()).hasValue("application/problem+json");
        assertThat(json(response).path("type").asString()).as(response.body()).isEqualTo("https://dmhub.invalid/problems/" + type);
    }

    private static JsonNode json(HttpResponse<String> response) {
        return new ObjectMapper().readTree(response.body());
    }

    private static String token(KeyPair key, List<String> roles, Instant expiry) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), new JWTClaimsSet.Builder().subject("f3a1c2")
                .claim("preferred_username", "ana").claim("roles", roles).issueTime(Date.from(expiry.minusSeconds(600)))
                .expirationTime(Date.from(expiry)).build());
        jwt.sign(new RSASSASigner((RSAPrivateKey) key.getPrivate()));
        return jwt.serialize();
    }

    private static InstanceSignature signature(String secret) throws IOException {
        Path file = Files.createTempFile(SECRETS, "secret", "");
        Files.writeString(file, secret);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return InstanceSignature.fromFile(file, Clock.systemUTC());
    }

    private static KeyPair rsaKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The forwarding secret and the identity provider's public key, in files only their owner may read. */
    private static Path secrets() {
        try {
            Path dir = Files.createTempDirectory("dmhub-secure-api");
            Path secret = dir.resolve("forwarding-secret");
            Files.writeString(secret, FORWARDING_SECRET + "\n");
            Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
            Files.writeString(dir.resolve("provider.pem"), "-----BEGIN PUBLIC KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(PROVIDER_KEY.getPublic().getEncoded())
                    + "\n-----END PUBLIC KEY-----\n");
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

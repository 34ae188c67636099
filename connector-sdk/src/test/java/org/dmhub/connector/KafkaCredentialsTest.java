package org.dmhub.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.common.security.JaasContext;
import org.junit.jupiter.api.Test;

class KafkaCredentialsTest {

    @Test
    void aPasswordWithQuotesAndBackslashesSurvivesKafkasJaasParser() {
        String password = "mật \"khẩu\" \\ bí mật";
        Map<String, Object> config = new KafkaCredentials("stc", password, "SASL_PLAINTEXT", null).clientConfig();

        var entry = JaasContext.loadClientContext(Map.of("sasl.jaas.config", new Password((String) config.get("sasl.jaas.config"))))
                .configurationEntries().get(0);

        assertThat(entry.getOptions().get("username")).isEqualTo("stc");
        assertThat(entry.getOptions().get("password")).isEqualTo(password);
        assertThat(config).containsEntry("security.protocol", "SASL_PLAINTEXT").containsEntry("sasl.mechanism", "SCRAM-SHA-512");
    }

    @Test
    void tlsByDefaultWithTheTrustStoreTypeFromItsName() {
        Map<String, Object> config = new KafkaCredentials("stc", "p", null, Path.of("/etc/dmhub/ca.pem")).clientConfig();

        assertThat(config).containsEntry("security.protocol", "SASL_SSL").containsEntry("ssl.truststore.type", "PEM");
        assertThat(new KafkaCredentials("stc", "p", null, Path.of("ca.p12")).clientConfig()).containsEntry("ssl.truststore.type", "PKCS12");
        assertThatThrownBy(() -> new KafkaCredentials("stc", "p", "PLAINTEXT", null)).hasMessageContaining("SASL_SSL, SASL_PLAINTEXT");
    }

    @Test
    void theToStringNeverShowsThePassword() {
        assertThat(KafkaCredentials.of("stc", "very-secret").toString()).doesNotContain("very-secret");
    }
}

package org.dmhub.connector;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;

/**
 * A department's Kafka principal in the hub's secure mode: SCRAM-SHA-512 user name and password, over TLS
 * ({@code SASL_SSL}, the default) or, on a trusted network, without ({@code SASL_PLAINTEXT}).
 *
 * @param trustStore the CA certificate(s) of the brokers ({@code .pem}/{@code .crt}, or a {@code .jks}/{@code .p12}
 *     store without password); null to trust the JVM's default CAs
 */
public record KafkaCredentials(String username, String password, String securityProtocol, Path trustStore) {

    public static final String MECHANISM = "SCRAM-SHA-512";

    public KafkaCredentials {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        securityProtocol = securityProtocol == null ? "SASL_SSL" : securityProtocol.toUpperCase(Locale.ROOT);
        if (!securityProtocol.equals("SASL_SSL") && !securityProtocol.equals("SASL_PLAINTEXT")) {
            throw new IllegalArgumentException("security protocol '" + securityProtocol + "' is not one of SASL_SSL, SASL_PLAINTEXT");
        }
    }

    /** SASL_SSL with the JVM's default trusted CAs. */
    public static KafkaCredentials of(String username, String password) {
        return new KafkaCredentials(username, password, null, null);
    }

    /** The settings of a Kafka client (producer, consumer or admin) logging in with these credentials. */
    public Map<String, Object> clientConfig() {
        Map<String, Object> config = new HashMap<>();
        config.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, securityProtocol);
        config.put(SaslConfigs.SASL_MECHANISM, MECHANISM);
        config.put(SaslConfigs.SASL_JAAS_CONFIG, "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                + quoted(username) + "\" password=\"" + quoted(password) + "\";");
        if (trustStore != null) {
            String name = trustStore.getFileName().toString().toLowerCase(Locale.ROOT);
            config.put(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, trustStore.toAbsolutePath().toString());
            config.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, name.endsWith(".jks") ? "JKS"
                    : name.endsWith(".p12") || name.endsWith(".pfx") ? "PKCS12" : "PEM");
        }
        return config;
    }

    private static String quoted(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    @Override
    public String toString() {
        return "KafkaCredentials[username=" + username + ", securityProtocol=" + securityProtocol + ", trustStore=" + trustStore + "]";
    }
}

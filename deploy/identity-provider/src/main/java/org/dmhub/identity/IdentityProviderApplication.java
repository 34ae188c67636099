package org.dmhub.identity;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * DM Hub's identity provider: gives the schema registry's clients (the focal point, the hub, departments) their
 * access tokens, with their registry roles in them.
 *
 * <p>{@code java -jar dmhub-identity-provider.jar --spring.config.additional-location=clients.yaml} serves;
 * {@code java -jar dmhub-identity-provider.jar hash-secret < secret-file} prints the bcrypt hash of a secret for
 * {@code dmhub.identity.clients.<id>.secret-hash}.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class IdentityProviderApplication {

    public static void main(String[] args) throws IOException {
        if (args.length == 1 && args[0].equals("hash-secret")) {
            String secret = new String(System.in.readAllBytes(), StandardCharsets.UTF_8).strip();
            if (secret.length() < RegisteredClients.MINIMUM_SECRET_LENGTH) {
                System.err.println("error: the secret on standard input has fewer than " + RegisteredClients.MINIMUM_SECRET_LENGTH
                        + " characters");
                System.exit(2);
            }
            System.out.println(RegisteredClients.hash(secret));
            return;
        }
        SpringApplication.run(IdentityProviderApplication.class, args);
    }
}

package org.dmhub.identity;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.filter.UrlHandlerFilter;

/**
 * An OpenID Connect provider for machines: discovery ({@code /.well-known/openid-configuration}), the signing keys
 * ({@code /oauth2/jwks}) and the token endpoint ({@code /oauth2/token}, grant {@code client_credentials}). There are
 * no users, no login page and no consent: every other path is refused.
 */
@Configuration(proxyBeanMethods = false)
class AuthorizationServerConfiguration {

    /**
     * {@code /oauth2/token/} is {@code /oauth2/token}: the schema registry's client adds a slash to the token
     * endpoint's URL when it exchanges a client's HTTP Basic credentials for a token.
     */
    @Bean
    FilterRegistrationBean<UrlHandlerFilter> trailingSlashIgnored() {
        FilterRegistrationBean<UrlHandlerFilter> registration =
                new FilterRegistrationBean<>(UrlHandlerFilter.trailingSlashHandler("/oauth2/**").wrapRequest().build());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    /** The provider's endpoints: each checks the client's credentials itself. */
    @Bean
    @Order(1)
    SecurityFilterChain authorizationServer(HttpSecurity http) throws Exception {
        http.oauth2AuthorizationServer(server -> {
            http.securityMatcher(server.getEndpointsMatcher());
            server.oidc(Customizer.withDefaults());
        }).authorizeHttpRequests(requests -> requests.anyRequest().authenticated());
        return http.build();
    }

    /** Anything else. */
    @Bean
    @Order(2)
    SecurityFilterChain everythingElse(HttpSecurity http) throws Exception {
        return http.authorizeHttpRequests(requests -> requests.anyRequest().denyAll()).build();
    }

    @Bean
    RegisteredClientRepository registeredClients(IdentityProperties properties) {
        return new InMemoryRegisteredClientRepository(RegisteredClients.from(properties));
    }

    @Bean
    JWKSource<SecurityContext> signingKeys(IdentityProperties properties) {
        return new ImmutableJWKSet<>(new JWKSet(SigningKey.load(properties.signingKeyFile())));
    }

    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> rolesClaim() {
        return new RolesClaim();
    }

    @Bean
    AuthorizationServerSettings authorizationServerSettings(IdentityProperties properties) {
        AuthorizationServerSettings.Builder settings = AuthorizationServerSettings.builder();
        if (properties.issuer() != null) {
            settings.issuer(properties.issuer().toString().replaceAll("/+$", ""));
        }
        return settings.build();
    }

    /**
     * Issued tokens are not kept: they are self-contained (the registry checks their signature), and a client that
     * asks for a token every few minutes would otherwise fill the memory. Revocation and introspection therefore
     * know no token; a token ends when it expires.
     */
    @Bean
    OAuth2AuthorizationService forgetfulAuthorizations() {
        return new OAuth2AuthorizationService() {
            @Override
            public void save(OAuth2Authorization authorization) {
            }

            @Override
            public void remove(OAuth2Authorization authorization) {
            }

            @Override
            public OAuth2Authorization findById(String id) {
                return null;
            }

            @Override
            public OAuth2Authorization findByToken(String token, OAuth2TokenType tokenType) {
                return null;
            }
        };
    }
}

package org.dmhub.hub.api.security;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import org.dmhub.hub.api.FilterProblems;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;

/**
 * Secure mode ({@code dmhub.security.enabled=true}): every request needs an authenticated user but the health
 * summary and the login page; reading needs the role VIEWER, changing anything FOCAL_POINT
 * ({@link ApiRole}). API clients authenticate each request (HTTP Basic with a local user, or a JWT bearer token when
 * the province's identity provider is configured); the dashboard logs in once ({@code /login.html}) and its session
 * cookie needs the CSRF token for every change. Another hub instance asking for its part of the view signs its
 * request ({@link InstanceSignature}).
 */
@Configuration
@ConditionalOnBooleanProperty(name = SecureModeSettings.ENABLED)
class SecureApiSecurity {

    /** The static files of the login page, which anyone may load. */
    private static final String[] LOGIN_PAGE = {"/login.html", "/login.js", "/dashboard.css"};

    @Bean
    ApiUsers apiUsers(ApiSecurityProperties properties, ObjectProvider<JwtDecoder> jwtDecoder) {
        ApiUsers users = ApiUsers.from(properties);
        if (users.isEmpty() && jwtDecoder.getIfAvailable() == null) {
            throw new IllegalStateException("dmhub.security.enabled=true but nobody could log in: define users"
                    + " (dmhub.security.api.users or dmhub.security.api.users-file) or an identity provider"
                    + " (spring.security.oauth2.resourceserver.jwt.issuer-uri)");
        }
        return users;
    }

    @Bean
    InMemoryUserDetailsManager apiUserDetails(ApiUsers users) {
        return users.userDetailsService();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder();
    }

    @Bean
    RoleHierarchy roleHierarchy() {
        return ApiRole.hierarchy();
    }

    @Bean
    @ConditionalOnProperty(name = "dmhub.security.api.forwarding-secret-file")
    InstanceSignature instanceSignature(ApiSecurityProperties properties) {
        return InstanceSignature.fromFile(properties.forwardingSecretFile(), Clock.systemUTC());
    }

    @Bean
    SecurityFilterChain secureFilterChain(HttpSecurity http, ApiSecurityProperties properties,
            ObjectProvider<JwtDecoder> jwtDecoder, ObjectProvider<InstanceSignature> signature) {
        boolean bearerTokens = jwtDecoder.getIfAvailable() != null;
        SecurityProblems problems = new SecurityProblems(bearerTokens);
        AuthenticationEntryPoint loginPage = new LoginUrlAuthenticationEntryPoint("/login.html");
        CookieCsrfTokenRepository csrfTokens = CookieCsrfTokenRepository.withHttpOnlyFalse();
        csrfTokens.setCookieCustomizer(cookie -> cookie.sameSite("Strict"));

        http.authorizeHttpRequests(requests -> requests
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        .requestMatchers(HttpMethod.GET, "/actuator/health").permitAll()
                        .requestMatchers(HttpMethod.GET, LOGIN_PAGE).permitAll()
                        .requestMatchers(HttpMethod.GET, "/actuator/prometheus").hasRole(ApiRole.METRICS.name())
                        .requestMatchers("/actuator/**").hasRole(ApiRole.FOCAL_POINT.name())
                        .requestMatchers(HttpMethod.GET, "/api/**").hasRole(ApiRole.VIEWER.name())
                        .requestMatchers(HttpMethod.HEAD, "/api/**").hasRole(ApiRole.VIEWER.name())
                        .requestMatchers("/api/**").hasRole(ApiRole.FOCAL_POINT.name())
                        .anyRequest().hasRole(ApiRole.VIEWER.name()))
                .httpBasic(basic -> basic.realmName(SecurityProblems.REALM).authenticationEntryPoint(problems))
                .formLogin(form -> form.loginPage("/login.html").loginProcessingUrl("/login")
                        .successHandler((request, response, authentication) -> response.setStatus(HttpStatus.NO_CONTENT.value()))
                        .failureHandler((request, response, failed) -> FilterProblems.send(request, response,
                                HttpStatus.UNAUTHORIZED, "login-failed", "Login failed", "wrong name or password"))
                        .permitAll())
                .logout(logout -> logout.logoutUrl("/logout")
                        .logoutSuccessHandler((request, response, authentication) -> response.setStatus(HttpStatus.NO_CONTENT.value())))
                // a request authenticated by its Authorization header carries no ambient credential a page could abuse
                .csrf(csrf -> csrf.spa().csrfTokenRepository(csrfTokens)
                        .ignoringRequestMatchers(request -> request.getHeader(HttpHeaders.AUTHORIZATION) != null))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint((request, response, failed) -> (answersWithProblems(request) ? problems : loginPage)
                                .commence(request, response, failed))
                        .accessDeniedHandler(problems));
        if (bearerTokens) {
            http.oauth2ResourceServer(resourceServer -> resourceServer
                    .jwt(jwt -> jwt.jwtAuthenticationConverter(new JwtRoles(properties.rolesClaim())))
                    .authenticationEntryPoint(problems)
                    .accessDeniedHandler(problems));
        }
        signature.ifAvailable(instances -> http.addFilterBefore(new InstanceSignatureFilter(instances), BasicAuthenticationFilter.class));
        BrowserProtection.apply(http);
        return http.build();
    }

    /** The API, the actuator and the dashboard's own calls get a 401 problem; a page the browser opens, the login page. */
    private static boolean answersWithProblems(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.startsWith("/api/") || path.startsWith("/actuator/") || path.startsWith("/v3/api-docs")
                || "XMLHttpRequest".equals(request.getHeader("X-Requested-With"));
    }
}

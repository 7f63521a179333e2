package io.lifestrands.monitor.api.security;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

import java.time.Clock;

/** The request filters in their order: size limit, then bearer-token auth, then rate limits. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecuritySettings.class)
class SecurityConfiguration {

    @Bean
    ApiTokens apiTokens(SecuritySettings settings) {
        return new ApiTokens(settings.auth(), System.out);
    }

    @Bean
    FilterRegistrationBean<RequestSizeFilter> requestSizeFilter(SecuritySettings settings) {
        return registration(new RequestSizeFilter(settings.limits().maxBodySize().toBytes()), 1);
    }

    @Bean
    FilterRegistrationBean<TokenAuthFilter> tokenAuthFilter(ApiTokens tokens, SecuritySettings settings) {
        return registration(new TokenAuthFilter(tokens, new AccessPolicy(settings.auth().publicReads())), 2);
    }

    @Bean
    FilterRegistrationBean<RateLimitFilter> rateLimitFilter(SecuritySettings settings, Clock clock) {
        return registration(new RateLimitFilter(settings.limits().rateLimits(), clock), 3);
    }

    private static <F extends jakarta.servlet.Filter> FilterRegistrationBean<F> registration(F filter, int order) {
        FilterRegistrationBean<F> registration = new FilterRegistrationBean<>(filter);
        registration.addUrlPatterns("/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10 + order);
        return registration;
    }
}

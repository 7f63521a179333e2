package io.lifestrands.monitor.api.system;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

import java.time.Clock;

/** The request filters in their order: size limit, then bearer-token auth, then rate limits. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({AuthSettings.class, LimitSettings.class})
class SecurityConfiguration {

    @Bean
    ApiTokens apiTokens(AuthSettings settings) {
        return new ApiTokens(settings, System.out);
    }

    @Bean
    FilterRegistrationBean<RequestSizeFilter> requestSizeFilter(LimitSettings limits) {
        return registration(new RequestSizeFilter(limits.maxBodySize().toBytes()), 1);
    }

    @Bean
    FilterRegistrationBean<TokenAuthFilter> tokenAuthFilter(ApiTokens tokens, AuthSettings settings) {
        return registration(new TokenAuthFilter(tokens, new AccessPolicy(settings.publicReads())), 2);
    }

    @Bean
    FilterRegistrationBean<RateLimitFilter> rateLimitFilter(LimitSettings limits, Clock clock) {
        return registration(new RateLimitFilter(limits.rateLimits(), clock), 3);
    }

    private static <F extends jakarta.servlet.Filter> FilterRegistrationBean<F> registration(F filter, int order) {
        FilterRegistrationBean<F> registration = new FilterRegistrationBean<>(filter);
        registration.addUrlPatterns("/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10 + order);
        return registration;
    }
}

package io.lifestrands.monitor.api.system;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.lifestrands.monitor.schema.json.Json;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.json.ProblemDetailJacksonMixin;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;

/** The shared beans: settings, clock, the one JSON mapper and the PostgreSQL pool. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ApiSettings.class)
class SystemConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * REST bodies use the same snake_case wire format as the topics; Boot's own mapper backs off. The mixin puts a
     * problem's extra properties (e.g. a validation {@code errors} list) at the top level, as RFC 9457 has them.
     */
    @Bean
    JsonMapper jsonMapper() {
        return Json.MAPPER.rebuild().addMixIn(ProblemDetail.class, ProblemDetailJacksonMixin.class).build();
    }

    /** Built from {@code DATABASE_URL} ourselves because Boot's {@code spring.datasource.url} wants JDBC form. */
    @Bean(destroyMethod = "close")
    HikariDataSource dataSource(ApiSettings settings) {
        DatabaseUrl url = settings.database();
        HikariConfig config = new HikariConfig();
        config.setPoolName("monitor-api");
        config.setJdbcUrl(url.jdbcUrl());
        config.setUsername(url.user());
        config.setPassword(url.password());
        config.setMaximumPoolSize(4);
        // a down database must fail a batch or a health check quickly, not hold a thread for 30 s
        config.setConnectionTimeout(Math.max(250, settings.dependencyTimeout().toMillis() * 2));
        config.setValidationTimeout(Math.max(250, settings.dependencyTimeout().toMillis()));
        return new HikariDataSource(config);
    }
}

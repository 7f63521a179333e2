package io.lifestrands.monitor.api;

import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/**
 * The api's settings records bound from {@code api.yaml} as at start-up, without any other bean: a value that start-up
 * refuses makes the context fail with the same binding and validation message.
 */
public final class ApiYaml {

    private ApiYaml() {
    }

    /** Every settings record of the api, bound from {@code api.yaml} and {@code properties} ({@code key=value}). */
    public static ApplicationContextRunner settings(String... properties) {
        return new ApplicationContextRunner()
                .withSystemProperties("spring.config.name=" + ApiApplication.CONFIG_NAME)
                .withInitializer(new ConfigDataApplicationContextInitializer())
                .withUserConfiguration(AllSettings.class)
                .withPropertyValues(properties);
    }

    @Configuration(proxyBeanMethods = false)
    @ConfigurationPropertiesScan(basePackageClasses = ApiApplication.class)
    static class AllSettings {
    }
}

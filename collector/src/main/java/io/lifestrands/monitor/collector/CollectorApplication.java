package io.lifestrands.monitor.collector;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.Map;

/**
 * The collector: probes the configured targets, accepts pushed samples on {@code POST /ingest} (port 8006) and
 * writes both to {@code monitor.samples.v1}. Reads {@code collector.yaml}, not {@code application.yaml}, so it can
 * share a JVM with the api.
 */
@SpringBootApplication(excludeName = {
        // the standalone launcher's classpath carries JDBC and Flyway for the api; the collector has no database
        "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        "org.springframework.boot.jdbc.autoconfigure.XADataSourceAutoConfiguration",
        "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration"})
public class CollectorApplication {

    /** Name of the collector's config file ({@code collector.yaml}). */
    public static final String CONFIG_NAME = "collector";

    public static void main(String[] args) {
        builder().run(args);
    }

    /**
     * Starts a collector with extra properties that win over {@code collector.yaml} and the environment, e.g.
     * {@code server.port=0} or {@code monitor.collector.targets[0].url=...}.
     *
     * @param props property names to values; values are turned into strings
     */
    public static ConfigurableApplicationContext start(Map<String, Object> props) {
        // command-line arguments are the highest-priority source and are read before the config files
        String[] args = props.entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        return builder().run(args);
    }

    private static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(CollectorApplication.class)
                .properties("spring.config.name=" + CONFIG_NAME);
    }
}

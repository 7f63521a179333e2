package io.lifestrands.monitor.api;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

import java.util.Map;

/** The api: consumers of the pipeline's output topics, live state, history, REST and WebSocket on port 8005. */
@SpringBootApplication
public class ApiApplication {

    /** Config file name ({@code api.yaml}), so the api never reads another app's file in a shared JVM. */
    public static final String CONFIG_NAME = "api";

    public static void main(String[] args) {
        new SpringApplicationBuilder(ApiApplication.class).properties("spring.config.name=" + CONFIG_NAME).run(args);
    }

    /**
     * Starts the api with {@code props} taking precedence over {@code api.yaml} and the environment, e.g.
     * {@code server.port}, {@code monitor.api.bootstrap-servers}, {@code monitor.api.redis-url},
     * {@code monitor.api.database-url}.
     */
    public static ConfigurableApplicationContext start(Map<String, Object> props) {
        Map<String, Object> copy = Map.copyOf(props);
        // added first so they beat api.yaml's ${ENV:default} values; default properties would lose to them
        return new SpringApplicationBuilder(ApiApplication.class)
                .main(ApiApplication.class)
                .properties("spring.config.name=" + CONFIG_NAME)
                .initializers(context -> context.getEnvironment().getPropertySources()
                        .addFirst(new MapPropertySource("api-start", copy)))
                .run();
    }
}

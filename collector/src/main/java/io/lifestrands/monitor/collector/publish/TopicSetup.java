package io.lifestrands.monitor.collector.publish;

import io.lifestrands.monitor.collector.config.CollectorSettings;
import io.lifestrands.monitor.schema.topic.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/** Creates the catalog's missing topics (and a renamed samples topic) at start-up, when the settings ask for it. */
public final class TopicSetup {

    private static final Logger log = LoggerFactory.getLogger(TopicSetup.class);
    private static final short REPLICATION = 1;

    private TopicSetup() {
    }

    /**
     * Creates what is missing. A broker that cannot be reached is logged, not fatal: probes keep running and the
     * producer retries, so the collector is useful as soon as Kafka appears.
     */
    public static void createMissing(CollectorSettings settings) {
        Map<String, Object> config = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        try (Admin admin = Admin.create(config)) {
            Topics.createMissing(admin, REPLICATION);
            if (!settings.samplesTopic().equals(Topics.SAMPLES.name())) {
                createSamplesTopic(admin, settings.samplesTopic());
            }
        } catch (RuntimeException e) {
            log.warn("Could not create topics at {}: {}", settings.bootstrapServers(), e.toString());
        }
    }

    private static void createSamplesTopic(Admin admin, String name) {
        NewTopic topic = new NewTopic(name, Topics.SAMPLES.partitions(), REPLICATION).configs(Topics.SAMPLES.configs());
        try {
            admin.createTopics(List.of(topic)).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("Could not create topic " + name + ": " + e.getCause().getMessage(), e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topic " + name, e);
        }
    }
}

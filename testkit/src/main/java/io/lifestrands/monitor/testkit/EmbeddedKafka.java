package io.lifestrands.monitor.testkit;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import java.util.Map;

/**
 * A real single-node KRaft Kafka broker (combined broker and controller) from the Kafka jars, with settings that
 * let transactions and consumer groups work on one node.
 */
public final class EmbeddedKafka implements AutoCloseable {

    private final EmbeddedKafkaKraftBroker broker;

    private EmbeddedKafka(EmbeddedKafkaKraftBroker broker) {
        this.broker = broker;
    }

    /**
     * Starts a broker.
     *
     * @param port the client port, or 0 for a free one
     */
    public static EmbeddedKafka start(int port) {
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 1);
        if (port > 0) {
            broker.kafkaPorts(port);
        }
        broker.brokerProperties(Map.of(
                // one node: internal topics cannot have more replicas than that
                "offsets.topic.replication.factor", "1",
                "transaction.state.log.replication.factor", "1",
                "transaction.state.log.min.isr", "1",
                "default.replication.factor", "1",
                "min.insync.replicas", "1",
                // topics come from the catalog in schema, never from a typo in a client
                "auto.create.topics.enable", "false",
                // no reason to wait for more members on one machine
                "group.initial.rebalance.delay.ms", "0"));
        broker.afterPropertiesSet();
        return new EmbeddedKafka(broker);
    }

    /** {@code host:port} list for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return broker.getBrokersAsString();
    }

    @Override
    public void close() {
        broker.destroy();
    }
}

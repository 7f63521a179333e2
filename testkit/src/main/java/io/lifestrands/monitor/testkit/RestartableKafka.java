package io.lifestrands.monitor.testkit;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * A real single-node KRaft broker that a test can stop and start again on the same port with the same log
 * directory, as an operator restarting a broker would: for outage tests. Not shared: each test that stops a broker
 * owns one, so tests on {@link TestServers#kafka()} never see it go away.
 */
public final class RestartableKafka implements AutoCloseable {

    private static final String CONTROLLER = "CONTROLLER";

    private final int port;
    private final Path logDir;
    private final Properties config;
    private KafkaRaftServer server;

    private RestartableKafka(int port, int controllerPort, Path logDir) {
        this.port = port;
        this.logDir = logDir;
        this.config = new Properties();
        config.put("process.roles", "broker,controller");
        config.put("node.id", "1");
        config.put("controller.quorum.voters", "1@localhost:" + controllerPort);
        config.put("listeners", "PLAINTEXT://localhost:" + port + "," + CONTROLLER + "://localhost:" + controllerPort);
        config.put("advertised.listeners", "PLAINTEXT://localhost:" + port);
        config.put("controller.listener.names", CONTROLLER);
        config.put("inter.broker.listener.name", "PLAINTEXT");
        config.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER + ":PLAINTEXT");
        config.put("log.dirs", logDir.toString());
        // one node: internal topics cannot have more replicas than that
        config.put("offsets.topic.replication.factor", "1");
        config.put("offsets.topic.num.partitions", "1");
        config.put("transaction.state.log.replication.factor", "1");
        config.put("transaction.state.log.min.isr", "1");
        config.put("default.replication.factor", "1");
        config.put("min.insync.replicas", "1");
        config.put("auto.create.topics.enable", "false");
        config.put("group.initial.rebalance.delay.ms", "0");
    }

    /** Formats a fresh log directory and starts the broker on free ports. */
    public static RestartableKafka start() {
        try {
            RestartableKafka kafka = new RestartableKafka(Ports.free(), Ports.free(),
                    Files.createTempDirectory("restartable-kafka"));
            kafka.format();
            kafka.startBroker();
            return kafka;
        } catch (IOException e) {
            throw new UncheckedIOException("no temporary directory for the broker", e);
        }
    }

    private void format() {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try {
            new Formatter()
                    .setPrintStream(new PrintStream(output, true, StandardCharsets.UTF_8))
                    .setNodeId(1)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setDirectories(List.of(logDir.toString()))
                    .setMetadataLogDirectory(logDir.toString())
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .setControllerListenerName(CONTROLLER)
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("could not format " + logDir + ": " + output, e);
        }
    }

    /** {@code localhost:port}; the same before and after a restart. */
    public String bootstrapServers() {
        return "localhost:" + port;
    }

    /** Shuts the broker down cleanly; clients see connection refused until {@link #startBroker()}. */
    public synchronized void stopBroker() {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
            server = null;
        }
    }

    /** Starts the broker (again) on the same port with the same data. */
    public synchronized void startBroker() {
        if (server == null) {
            KafkaRaftServer started = new KafkaRaftServer(KafkaConfig.fromProps(config), Time.SYSTEM);
            started.startup();
            server = started;
        }
    }

    @Override
    public void close() {
        stopBroker();
        try (Stream<Path> files = Files.walk(logDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

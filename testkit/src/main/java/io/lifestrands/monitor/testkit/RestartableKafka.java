package io.lifestrands.monitor.testkit;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
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
 * A real single-node KRaft broker (combined broker and controller) on a log directory of its own, which can be
 * stopped and started again on the same port with the same data, as an operator restarting a broker would. Two uses:
 * outage tests ({@link #start()}: a fresh directory, deleted on close) and the standalone system
 * ({@link #open(Path, int)}: a directory that outlives the process, formatted once with a cluster id that stays).
 */
public final class RestartableKafka implements AutoCloseable {

    private static final String CONTROLLER = "CONTROLLER";
    private static final String META_PROPERTIES = "meta.properties";

    private final int port;
    private final Path logDir;
    private final boolean deleteOnClose;
    private final Properties config;
    private KafkaRaftServer server;

    private RestartableKafka(int port, int controllerPort, Path logDir, boolean deleteOnClose) {
        this.port = port;
        this.logDir = logDir;
        this.deleteOnClose = deleteOnClose;
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
        // topics come from the catalog in schema, never from a typo in a client
        config.put("auto.create.topics.enable", "false");
        // no reason to wait for more members on one machine
        config.put("group.initial.rebalance.delay.ms", "0");
    }

    /** Formats a fresh temporary log directory and starts the broker on free ports; the directory goes on close. */
    public static RestartableKafka start() {
        try {
            RestartableKafka kafka = new RestartableKafka(Ports.free(), Ports.free(),
                    Files.createTempDirectory("restartable-kafka"), true);
            kafka.format();
            kafka.startBroker();
            return kafka;
        } catch (IOException e) {
            throw new UncheckedIOException("no temporary directory for the broker", e);
        }
    }

    /**
     * Starts the broker on {@code logDir}, formatting it with a new cluster id only when it holds no broker data yet;
     * the data stays on close, so the next {@code open} of the same directory finds the same cluster with its topics,
     * records and committed offsets.
     *
     * @param port the client port, or 0 for a free one
     * @throws IllegalStateException when the port is in use or the directory cannot be formatted
     */
    public static RestartableKafka open(Path logDir, int port) {
        try {
            Files.createDirectories(logDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the Kafka log directory " + logDir, e);
        }
        int clientPort = port > 0 ? port : Ports.free();
        // the controller port is not part of the formatted data: a single static voter may move between starts
        RestartableKafka kafka = new RestartableKafka(clientPort, Ports.free(), logDir, false);
        if (!Files.exists(logDir.resolve(META_PROPERTIES))) {
            kafka.format();
        }
        kafka.startBroker();
        return kafka;
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

    public int port() {
        return port;
    }

    /** The cluster id written into the log directory when it was formatted. */
    public String clusterId() {
        Properties meta = new Properties();
        try (InputStream in = Files.newInputStream(logDir.resolve(META_PROPERTIES))) {
            meta.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + logDir.resolve(META_PROPERTIES), e);
        }
        return meta.getProperty("cluster.id");
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
            try {
                started.startup();
            } catch (RuntimeException e) {
                started.shutdown();
                throw new IllegalStateException("Kafka did not start on port " + port + " with log directory "
                        + logDir + ": " + e.getMessage(), e);
            }
            server = started;
        }
    }

    @Override
    public void close() {
        stopBroker();
        if (!deleteOnClose) {
            return;
        }
        try (Stream<Path> files = Files.walk(logDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

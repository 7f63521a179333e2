package io.lifestrands.monitor.chaos;

import io.lifestrands.monitor.testkit.Ports;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import java.util.concurrent.TimeUnit;

/**
 * One KRaft node (broker and controller in one process) as a child JVM running {@code kafka.Kafka} from the Kafka
 * jars on this JVM's class path, with its log directory on disk, so that {@link #kill()} ({@code kill -9}) and
 * {@link #start()} are a real crash and restart. {@link #cluster} builds one to three of them as a quorum; with three
 * nodes topics get replication factor 3 and {@code min.insync.replicas=2}.
 */
public final class BrokerProcess implements AutoCloseable {

    private static final String CLUSTER_ID = "Y2hhb3MtY2x1c3Rlci0xMg";

    private final int nodeId;
    private final int port;
    private final Path dir;
    private final Path config;
    private Process process;

    private BrokerProcess(int nodeId, int port, Path dir) {
        this.nodeId = nodeId;
        this.port = port;
        this.dir = dir;
        this.config = dir.resolve("server.properties");
    }

    /** Formats and starts {@code size} nodes on free loopback ports under {@code workDir}. */
    public static List<BrokerProcess> cluster(int size, Path workDir) throws IOException, InterruptedException {
        int[] ports = new int[size];
        int[] controllerPorts = new int[size];
        StringJoiner voters = new StringJoiner(",");
        for (int i = 0; i < size; i++) {
            ports[i] = Ports.free();
            controllerPorts[i] = Ports.free();
            voters.add((i + 1) + "@127.0.0.1:" + controllerPorts[i]);
        }
        List<BrokerProcess> nodes = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            BrokerProcess node = new BrokerProcess(i + 1, ports[i], workDir.resolve("broker-" + (i + 1)));
            node.configure(size, controllerPorts[i], voters.toString());
            node.format();
            nodes.add(node);
        }
        for (BrokerProcess node : nodes) {
            node.start();
        }
        return nodes;
    }

    /** The {@code bootstrap.servers} of all nodes. */
    public static String bootstrap(List<BrokerProcess> nodes) {
        return String.join(",", nodes.stream().map(n -> "127.0.0.1:" + n.port).toList());
    }

    private void configure(int size, int controllerPort, String voters) throws IOException {
        Files.createDirectories(dir);
        int replicas = Math.min(size, 3);
        int minIsr = replicas == 1 ? 1 : 2;
        String text = String.join("\n",
                "process.roles=broker,controller",
                "node.id=" + nodeId,
                "controller.quorum.voters=" + voters,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "inter.broker.listener.name=PLAINTEXT",
                "log.dirs=" + dir.resolve("logs"),
                "offsets.topic.replication.factor=" + replicas,
                "offsets.topic.num.partitions=6",
                "transaction.state.log.replication.factor=" + replicas,
                "transaction.state.log.min.isr=" + minIsr,
                "transaction.state.log.num.partitions=6",
                "default.replication.factor=" + replicas,
                "min.insync.replicas=" + minIsr,
                "unclean.leader.election.enable=false",
                "auto.create.topics.enable=false",
                "group.initial.rebalance.delay.ms=0",
                "");
        Files.writeString(config, text, StandardCharsets.UTF_8);
    }

    private void format() throws IOException, InterruptedException {
        Process format = java("kafka.tools.StorageTool", "format", "-t", CLUSTER_ID, "-c", config.toString(),
                "--ignore-formatted").start();
        if (!format.waitFor(120, TimeUnit.SECONDS) || format.exitValue() != 0) {
            throw new IllegalStateException("formatting " + dir + " failed, see " + dir.resolve("broker.log"));
        }
    }

    public void start() throws IOException {
        process = java("kafka.Kafka", config.toString()).start();
    }

    /** SIGKILL: no controlled shutdown, no leader hand-over; the log directory stays as the crash left it. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    public int nodeId() {
        return nodeId;
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    private ProcessBuilder java(String mainClass, String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx384m", "-XX:+UseSerialGC",
                "-Dlog4j2.level=WARN", "-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(List.of(args));
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("broker.log").toFile()));
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}

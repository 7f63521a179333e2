package io.lifestrands.monitor.processor;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import io.lifestrands.monitor.testkit.TestServers;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The supervisor on a real broker with a tiny topology whose processor (or global store updater) throws on its first
 * {@code poison} record only, as a fault that a fresh client gets past.
 */
class StreamsSupervisorIT {

    private static final String POISON = "poison";
    private static final String STORE = "global-store";

    @TempDir
    Path stateDir;

    private final String id = UUID.randomUUID().toString().substring(0, 8);
    private final String input = "supervisor-it-in-" + id;
    private final String output = "supervisor-it-out-" + id;
    private final String global = "supervisor-it-global-" + id;
    private final String bootstrap = TestServers.kafka().bootstrapServers();
    private final AtomicBoolean poisoned = new AtomicBoolean();
    private final AtomicInteger clientsMade = new AtomicInteger();
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private final List<StreamsSupervisor.Status> statuses = new CopyOnWriteArrayList<>();

    @BeforeEach
    void createTopicsAndCaptureLog() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(input, 1, (short) 1), new NewTopic(output, 1, (short) 1),
                    new NewTopic(global, 1, (short) 1))).all().get();
        }
        logged.start();
        ((Logger) LoggerFactory.getLogger(StreamsSupervisor.class)).addAppender(logged);
    }

    @AfterEach
    void releaseLog() {
        ((Logger) LoggerFactory.getLogger(StreamsSupervisor.class)).detachAppender(logged);
    }

    @Test
    void aClientShutDownByItsHandlerIsReplacedAndProcessesTheRecordAgain() throws Exception {
        try (StreamsSupervisor supervisor = supervisor(e -> StreamThreadExceptionResponse.SHUTDOWN_CLIENT,
                Duration.ofMillis(100))) {
            supervisor.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> running(supervisor));

            produce(input, POISON);

            assertThat(readOutput()).containsExactly(POISON);
            await().atMost(Duration.ofSeconds(30)).until(() -> running(supervisor));
            assertThat(supervisor.restarts()).isEqualTo(1);
            assertThat(clientsMade).hasValue(2);
            assertThat(errorsLogged()).singleElement().satisfies(event ->
                    assertThat(causeMessages(event.getThrowableProxy())).contains("poisoned once"));
            assertThat(statuses).extracting(status -> status.state() + " " + status.restarts())
                    .containsSubsequence("RUNNING 0", "ERROR 0", "REBALANCING 1", "RUNNING 1");
            assertThat(statuses).filteredOn(status -> status.state() == KafkaStreams.State.ERROR).singleElement()
                    .satisfies(error -> assertThat(HeartbeatPublisher.reason(error.lastFailure()))
                            .contains("poisoned once"));
        }
    }

    @Test
    void aClientWhoseGlobalThreadDiedIsReplaced() throws Exception {
        try (StreamsSupervisor supervisor = supervisor(MonitorProcessor.threadFailures("supervisor-it-" + id),
                Duration.ofMillis(100))) {
            supervisor.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> running(supervisor));

            produce(global, POISON);

            // the new client's global store holds the record that killed the old one's global thread
            await().atMost(Duration.ofSeconds(60)).ignoreException(InvalidStateStoreException.class)
                    .until(() -> running(supervisor) && POISON.equals(globalStore(supervisor.client()).get(POISON)));
            assertThat(supervisor.restarts()).isEqualTo(1);
            assertThat(errorsLogged()).singleElement().satisfies(event ->
                    assertThat(causeMessages(event.getThrowableProxy())).contains("poisoned once"));
        }
    }

    @Test
    void closeDuringTheBackoffStartsNoNewClient() throws Exception {
        StreamsSupervisor supervisor = supervisor(e -> StreamThreadExceptionResponse.SHUTDOWN_CLIENT,
                Duration.ofHours(1));
        supervisor.start();
        await().atMost(Duration.ofSeconds(60)).until(() -> running(supervisor));
        produce(input, POISON);
        // the ERROR line is written when the restart has been scheduled
        await().atMost(Duration.ofSeconds(30)).until(() -> !errorsLogged().isEmpty());

        supervisor.close();

        assertThat(supervisor.restarts()).isZero();
        assertThat(clientsMade).hasValue(1);
        assertThat(supervisor.client().state()).isEqualTo(KafkaStreams.State.ERROR);
        assertThat(supervisor.status().state()).as("what the last heartbeat says").isEqualTo(
                KafkaStreams.State.NOT_RUNNING);
    }

    private StreamsSupervisor supervisor(StreamsUncaughtExceptionHandler threadFailures, Duration firstDelay) {
        return new StreamsSupervisor("supervisor-it-" + id, () -> {
            clientsMade.incrementAndGet();
            return new KafkaStreams(topology(), properties());
        }, threadFailures, new RestartBackoff(firstDelay, firstDelay, Duration.ofMinutes(1)), Clock.systemUTC(),
                Duration.ofSeconds(30), statuses::add);
    }

    private Topology topology() {
        Topology topology = new Topology();
        topology.addSource("in", new StringDeserializer(), new StringDeserializer(), input);
        topology.addProcessor("fail-once", () -> new ForwardUnlessFirstPoison(poisoned), "in");
        topology.addSink("out", output, new StringSerializer(), new StringSerializer(), "fail-once");
        topology.addGlobalStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE), Serdes.String(),
                        Serdes.String()).withLoggingDisabled(), "global-in", new StringDeserializer(),
                new StringDeserializer(), global, "global-fail-once", () -> new StoreUnlessFirstPoison(poisoned));
        return topology;
    }

    private Properties properties() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "supervisor-it-" + id);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "100");
        // the failed client's member leaves the group only by timing out: the broker's minimum keeps the wait short
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), "6000");
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG), "2000");
        return props;
    }

    /** Throws on the first {@code poison} record that any client sees, so only the first client fails. */
    private static void failOnFirstPoison(AtomicBoolean poisoned, Record<String, String> record) {
        if (POISON.equals(record.value()) && poisoned.compareAndSet(false, true)) {
            throw new IllegalStateException("poisoned once");
        }
    }

    private static final class ForwardUnlessFirstPoison implements Processor<String, String, String, String> {

        private final AtomicBoolean poisoned;
        private ProcessorContext<String, String> context;

        ForwardUnlessFirstPoison(AtomicBoolean poisoned) {
            this.poisoned = poisoned;
        }

        @Override
        public void init(ProcessorContext<String, String> context) {
            this.context = context;
        }

        @Override
        public void process(Record<String, String> record) {
            failOnFirstPoison(poisoned, record);
            context.forward(record);
        }
    }

    private static final class StoreUnlessFirstPoison implements Processor<String, String, Void, Void> {

        private final AtomicBoolean poisoned;
        private KeyValueStore<String, String> store;

        StoreUnlessFirstPoison(AtomicBoolean poisoned) {
            this.poisoned = poisoned;
        }

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            store = context.getStateStore(STORE);
        }

        @Override
        public void process(Record<String, String> record) {
            failOnFirstPoison(poisoned, record);
            store.put(record.key(), record.value());
        }
    }

    private static boolean running(StreamsSupervisor supervisor) {
        return supervisor.client().state() == KafkaStreams.State.RUNNING;
    }

    private static ReadOnlyKeyValueStore<String, String> globalStore(KafkaStreams client) {
        return client.store(StoreQueryParameters.fromNameAndType(STORE, QueryableStoreTypes.keyValueStore()));
    }

    private List<ILoggingEvent> errorsLogged() {
        return logged.list.stream().filter(event -> event.getLevel() == Level.ERROR).toList();
    }

    private static List<String> causeMessages(IThrowableProxy thrown) {
        List<String> messages = new ArrayList<>();
        for (IThrowableProxy cause = thrown; cause != null; cause = cause.getCause()) {
            messages.add(cause.getMessage());
        }
        return messages;
    }

    private void produce(String topic, String value) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, value, value)).get();
        }
    }

    private List<String> readOutput() {
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "supervisor-it-reader-" + id,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(output));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> values.add(r.value()));
                return !values.isEmpty();
            });
        }
        return values;
    }
}

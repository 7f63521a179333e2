package io.lifestrands.monitor.chaos;

import io.lifestrands.monitor.processor.MonitorProcessor;
import io.lifestrands.monitor.processor.ProcessorSettings;
import io.lifestrands.monitor.schema.Sample;
import io.lifestrands.monitor.schema.json.Json;
import io.lifestrands.monitor.schema.topic.Topics;
import io.lifestrands.monitor.testkit.TestServers;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * QUALITY R4 on a real broker with {@code MonitorProcessor.start}: malformed records of every class, shuffled among
 * valid samples straight onto {@code monitor.samples.v1}. The processor stays RUNNING, exactly the malformed ones
 * reach {@code monitor.dlq.v1} (with source and reason headers), and the valid samples' windows are exact.
 * CI sends 25 of each class among 3,000 valid samples; QUALITY's 10,000 in 1,000,000 is the same test with bigger
 * numbers: {@code -Dchaos.r4.valid=1000000 -Dchaos.r4.per-class=910 -Dchaos.r4.grace-seconds=300} (and a larger
 * heap, {@code -Dsurefire.argLine=-Xmx4g}).
 */
class HostileSamplesIT {

    private static final int VALID = Integer.getInteger("chaos.r4.valid", 3000);
    private static final int PER_CLASS = Integer.getInteger("chaos.r4.per-class", 25);
    /** Long enough that every valid sample (all stamped with the start time) is processed before its minute closes. */
    private static final Duration GRACE = Duration.ofSeconds(Integer.getInteger("chaos.r4.grace-seconds", 2));
    private static final Clock CLOCK = Clock.systemUTC();

    @TempDir
    Path stateDir;

    @Test
    void malformedRecordsAreDeadLetteredAndValidAggregatesStayExact() throws Exception {
        String runId = "r4-" + UUID.randomUUID().toString().substring(0, 8);
        String bootstrap = TestServers.kafka().bootstrapServers();
        ProcessorSettings settings = ProcessorSettings.defaults(bootstrap)
                .withApplication("monitor-r4-" + runId, stateDir)
                .withWindowGrace(GRACE);
        try (MonitorProcessor processor = MonitorProcessor.start(settings)) {
            await().atMost(Duration.ofSeconds(90)).until(() -> processor.state() == KafkaStreams.State.RUNNING);
            // the samples are stamped now and the grace is 2 s: stamp them early in a minute, after the processor
            // is up, so that a slow start or a slow producer cannot make the whole batch late
            await().atMost(Duration.ofSeconds(61)).pollInterval(Duration.ofMillis(200))
                    .until(() -> CLOCK.instant().atZone(ZoneOffset.UTC).getSecond() < 30);
            Random random = new Random(4);
            GroundTruth truth = new GroundTruth();
            Map<String, Function<Integer, byte[]>> classes = malformedClasses(runId);
            List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
            Instant now = CLOCK.instant();
            for (int i = 0; i < VALID; i++) {
                Sample sample = Sample.probe("r4-host", runId + "-svc-" + random.nextInt(4), now,
                        random.nextInt(10) > 0, (double) (1 + random.nextInt(3000)), 200, null);
                truth.add(sample);
                records.add(record(sample.service(), Json.encode(sample)));
            }
            classes.forEach((name, make) -> IntStream.range(0, PER_CLASS)
                    .forEach(i -> records.add(record(runId + "-bad-" + name, make.apply(i)))));
            Collections.shuffle(records, random);
            produce(bootstrap, records);
            Verifier.Verdict verdict = new Verifier(bootstrap, runId, CLOCK).verify(truth,
                    Instant.ofEpochMilli(truth.lastWindowEndMs()).plus(GRACE).plusSeconds(60), Duration.ofSeconds(3));
            List<ConsumerRecord<byte[], byte[]>> deadLetters = deadLetters(bootstrap, runId);

            assertThat(processor.state()).isEqualTo(KafkaStreams.State.RUNNING);
            assertThat(verdict.missing() + verdict.duplicates() + verdict.wrong()).as(verdict.toString()).isZero();
            assertThat(deadLetters).hasSize(classes.size() * PER_CLASS);
            assertThat(deadLetters).allSatisfy(r -> {
                assertThat(header(r, Topics.DLQ_SOURCE_TOPIC)).isEqualTo(Topics.SAMPLES.name());
                assertThat(header(r, Topics.DLQ_REASON)).isNotBlank();
                assertThat(header(r, Topics.DLQ_ERROR_CLASS)).isNotBlank();
            });
            Map<String, Long> perClass = new HashMap<>();
            deadLetters.forEach(r -> perClass.merge(new String(r.key(), StandardCharsets.UTF_8)
                    .substring((runId + "-bad-").length()), 1L, Long::sum));
            assertThat(perClass).hasSize(classes.size()).allSatisfy((name, count) ->
                    assertThat(count).as(name).isEqualTo(PER_CLASS));
        }
    }

    /** One factory per malformed class; the record key names the class so the DLQ can be checked per class. */
    private static Map<String, Function<Integer, byte[]>> malformedClasses(String runId) {
        String ok = "\"v\":1,\"kind\":\"probe\",\"host\":\"h\",\"up\":true,\"ts\":\"" + CLOCK.instant() + "\"";
        Map<String, Function<Integer, byte[]>> classes = new HashMap<>();
        classes.put("json", i -> ("{\"v\":1,\"kind\":\"probe\"" + "}".repeat(i % 2)).substring(0, 10 + i % 7)
                .getBytes(StandardCharsets.UTF_8));
        classes.put("types", i -> utf8("{" + ok + ",\"service\":\"" + runId + "-bad-types\",\"latency_ms\":"
                + List.of("\"fast\"", "true", "[1]", "{}").get(i % 4) + "}"));
        classes.put("empty", i -> i % 2 == 0 ? new byte[0] : null);
        classes.put("huge", i -> utf8("{" + ok + ",\"service\":\"" + runId + "-bad-huge\",\"error\":\""
                + "x".repeat(512 * 1024) + "\"}"));
        classes.put("deep", i -> utf8("{" + ok + ",\"service\":\"" + runId + "-bad-deep\",\"labels\":"
                + "[".repeat(1000) + "]".repeat(1000) + "}"));
        classes.put("utf8", i -> {
            byte[] bytes = utf8("{" + ok + ",\"service\":\"" + runId + "-bad-utf8\",\"error\":\"ab\"}");
            bytes[bytes.length - 4] = (byte) (i % 2 == 0 ? 0xC3 : 0xFF);
            return bytes;
        });
        classes.put("nan", i -> utf8("{" + ok + ",\"service\":\"" + runId + "-bad-nan\","
                + (i % 2 == 0 ? "\"latency_ms\":NaN" : "\"metrics\":{\"cpu_pct\":\"NaN\"}") + "}"));
        classes.put("negative", i -> utf8("{" + ok + ",\"service\":\"" + runId + "-bad-negative\",\"latency_ms\":-"
                + (i + 1) + "}"));
        classes.put("past", i -> Json.encode(Sample.probe("h", runId + "-bad-past",
                Instant.parse("1970-01-01T00:00:00Z").plusSeconds(i), true, 5.0, 200, null)));
        // more than an hour ahead: a broken record, not a skewed clock (a skew of up to 1 h is clamped to now + 5 s)
        classes.put("future", i -> Json.encode(Sample.probe("h", runId + "-bad-future",
                Instant.parse("9999-01-01T00:00:00Z").plusSeconds(i), true, 5.0, 200, null)));
        classes.put("key", i -> Json.encode(Sample.probe("h", runId + "-svc-0", CLOCK.instant(), true, 5.0, 200,
                null)));
        return classes;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static ProducerRecord<byte[], byte[]> record(String key, byte[] value) {
        return new ProducerRecord<>(Topics.SAMPLES.name(), utf8(key), value);
    }

    private static void produce(String bootstrap, List<ProducerRecord<byte[], byte[]>> records) {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 1_000_000), new ByteArraySerializer(),
                new ByteArraySerializer())) {
            records.forEach(producer::send);
            producer.flush();
        }
    }

    private static List<ConsumerRecord<byte[], byte[]>> deadLetters(String bootstrap, String runId) {
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = IntStream.range(0, Topics.DLQ.partitions())
                    .mapToObj(p -> new TopicPartition(Topics.DLQ.name(), p)).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    if (r.key() != null && new String(r.key(), StandardCharsets.UTF_8).startsWith(runId + "-")) {
                        out.add(r);
                    }
                }
            }
        }
        return out;
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}

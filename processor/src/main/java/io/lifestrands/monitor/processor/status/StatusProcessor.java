package io.lifestrands.monitor.processor.status;

import io.lifestrands.monitor.processor.status.ServiceState.HostReport;
import io.lifestrands.monitor.processor.validate.DeadLetters;
import io.lifestrands.monitor.processor.validate.ValidSample;
import io.lifestrands.monitor.schema.Sample;
import io.lifestrands.monitor.schema.SampleKind;
import io.lifestrands.monitor.schema.ServiceStatus;
import io.lifestrands.monitor.schema.StatusChange;
import io.lifestrands.monitor.schema.json.Json;
import io.lifestrands.monitor.schema.json.JsonSerde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps each service's current status from its probe samples and emits a {@link StatusChange} only when it
 * changes; the first one of a service comes from {@code unknown}. With several collectors probing one service the
 * status is their {@link Quorum}, except that a current synthetic probe (labelled {@link Sample#SYNTHETIC_LABEL}, as
 * {@code POST /debug/simulate-failure} injects) that sees the service unhealthy decides alone, so a simulated
 * failure takes effect although real collectors still see the service up. A probe the collector could not perform
 * ({@link Sample#failedToMonitor()}) is no view of the service: the service is {@code monitoring_failed} only while
 * no collector that reported recently has a view. A service without a probe for 3 status intervals turns
 * {@code unknown}, checked by a wall-clock punctuator so that it happens when nothing arrives at all. A probe older
 * than the newest one of the same collector is ignored, so reordering cannot flap the status.
 *
 * <p>Every output record goes to each of the given children.
 */
public final class StatusProcessor implements Processor<String, ValidSample, Object, Object> {

    public static final String STORE = "service-status-store";
    /** Intervals without a probe after which a service is {@code unknown}. */
    public static final int STALE_AFTER_INTERVALS = 3;

    /** Among synthetic reports one decides: down before degraded before monitoring_failed. */
    private static final Quorum ANY_ONE = new Quorum(1);

    private final String name;
    private final Duration interval;
    private final Quorum quorum;
    private final Duration punctuationInterval;
    private final List<String> children;
    private final List<String> viewChildren;
    private final String deadLetterSink;
    private ProcessorContext<Object, Object> context;
    private KeyValueStore<String, ServiceState> store;
    private DeadLetters deadLetters;

    /**
     * @param interval            the probe interval; collectors heard from in the last 1.5 intervals vote
     * @param quorum              N collectors that must see a service down, 0 = majority
     * @param punctuationInterval how often staleness is checked, by wall clock
     * @param children            the nodes that get every {@link StatusChange}
     * @param viewChildren        the nodes that get a {@link StatusView} after every probe (the consistency checks)
     * @param deadLetterSink      the DLQ sink node
     */
    public StatusProcessor(String name, Duration interval, int quorum, Duration punctuationInterval,
                           List<String> children, List<String> viewChildren, String deadLetterSink) {
        this.name = name;
        this.viewChildren = List.copyOf(viewChildren);
        this.interval = interval;
        this.quorum = new Quorum(quorum);
        this.punctuationInterval = punctuationInterval;
        this.children = List.copyOf(children);
        this.deadLetterSink = deadLetterSink;
    }

    /**
     * The status store: logged, so a restart neither forgets a status nor repeats a change.
     *
     * @param inMemory an in-memory map instead of RocksDB under the changelog
     */
    public static StoreBuilder<KeyValueStore<String, ServiceState>> storeBuilder(boolean inMemory) {
        return Stores.keyValueStoreBuilder(inMemory ? Stores.inMemoryKeyValueStore(STORE)
                        : Stores.persistentKeyValueStore(STORE), Serdes.String(),
                        new JsonSerde<>(ServiceState.class))
                .withLoggingEnabled(Map.of())
                .withCachingEnabled();
    }

    @Override
    public void init(ProcessorContext<Object, Object> context) {
        this.context = context;
        this.store = context.getStateStore(STORE);
        this.deadLetters = new DeadLetters(context, deadLetterSink, name);
        context.schedule(punctuationInterval, PunctuationType.WALL_CLOCK_TIME, this::markStale);
    }

    @Override
    public void process(Record<String, ValidSample> record) {
        Sample sample = record.value().sample();
        if (sample.kind() != SampleKind.PROBE) {
            return;
        }
        deadLetters.guard(record.value().source(), () -> track(sample, record.timestamp()));
    }

    @Override
    public void close() {
        if (deadLetters != null) {
            deadLetters.close();
        }
    }

    private void track(Sample sample, long eventTimeMs) {
        long now = context.currentSystemTimeMs();
        ServiceState previous = store.get(sample.service());
        HostReport before = previous == null ? null : previous.hosts().get(sample.host());
        if (before != null && eventTimeMs < before.eventTimeMs()) {
            return;
        }
        ServiceStatus own = StatusRule.statusOf(sample);
        Map<String, HostReport> hosts = new HashMap<>();
        if (previous != null) {
            previous.hosts().forEach((host, report) -> {
                if (now - report.seenMs() < staleAfterMs()) {
                    hosts.put(host, report);
                }
            });
        }
        hosts.put(sample.host(), new HostReport(own, eventTimeMs, now,
                sample.labels().containsKey(Sample.SYNTHETIC_LABEL)));
        List<HostReport> voters = hosts.values().stream()
                .filter(r -> now - r.seenMs() <= interval.toMillis() * 3 / 2).toList();
        List<ServiceStatus> votes = voters.stream().map(HostReport::status).toList();
        List<ServiceStatus> simulated = voters.stream().filter(HostReport::overrides).map(HostReport::status)
                .toList();
        ServiceStatus status = simulated.isEmpty() ? quorum.decide(votes) : ANY_ONE.decide(simulated);
        store.put(sample.service(), new ServiceState(status, Math.max(eventTimeMs,
                previous == null ? eventTimeMs : previous.eventTimeMs()), hosts, now));
        ServiceStatus old = previous == null ? ServiceStatus.UNKNOWN : previous.status();
        if (old != status) {
            String reason = status == own ? StatusRule.reason(sample, status)
                    : simulated.isEmpty() ? quorum.describe(votes) : "synthetic probe in force";
            forward(new StatusChange(StatusChange.VERSION, sample.service(), old, status, sample.ts(),
                    sample.host(), reason, sample.latencyMs()), eventTimeMs);
        }
        forwardView(new StatusView(sample.service(), status,
                (int) votes.stream().filter(v -> v == ServiceStatus.DOWN).count(),
                (int) votes.stream().filter(v -> v == ServiceStatus.UP).count(), eventTimeMs));
    }

    private void forwardView(StatusView view) {
        Record<Object, Object> out = new Record<>(view.service(), view, view.eventTimeMs());
        for (String child : viewChildren) {
            context.forward(out, child);
        }
    }

    /** Turns every service without a probe for {@value #STALE_AFTER_INTERVALS} intervals {@code unknown}. */
    private void markStale(long wallClockMs) {
        List<KeyValue<String, ServiceState>> stale = new ArrayList<>();
        try (KeyValueIterator<String, ServiceState> all = store.all()) {
            all.forEachRemaining(entry -> {
                if (entry.value.status() != ServiceStatus.UNKNOWN
                        && wallClockMs - entry.value.lastSeenMs() >= staleAfterMs()) {
                    stale.add(entry);
                }
            });
        }
        for (KeyValue<String, ServiceState> entry : stale) {
            ServiceState state = entry.value;
            store.put(entry.key, new ServiceState(ServiceStatus.UNKNOWN, state.eventTimeMs(), Map.of(),
                    state.lastSeenMs()));
            forward(new StatusChange(StatusChange.VERSION, entry.key, state.status(), ServiceStatus.UNKNOWN,
                    Instant.ofEpochMilli(wallClockMs), null, "no probe for "
                    + Json.formatDuration(Duration.ofMillis(staleAfterMs())), null), wallClockMs);
        }
    }

    private void forward(StatusChange change, long timestampMs) {
        Record<Object, Object> out = new Record<>(change.service(), change, timestampMs);
        for (String child : children) {
            context.forward(out, child);
        }
    }

    private long staleAfterMs() {
        return interval.toMillis() * STALE_AFTER_INTERVALS;
    }
}

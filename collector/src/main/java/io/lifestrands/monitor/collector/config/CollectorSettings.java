package io.lifestrands.monitor.collector.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.convert.DurationUnit;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Settings of the collector, {@code monitor.collector.*} in {@code collector.yaml}. Durations without a unit are
 * seconds, as {@code MONITORING_INTERVAL=30} was in the original service.
 *
 * @param bootstrapServers      Kafka bootstrap servers
 * @param hostId                this collector's host, written into every probe sample; blank = the machine's name
 * @param defaultInterval       probe interval of targets that set none
 * @param highFrequencyInterval the faster interval demo-fleet targets use
 * @param timeout               probe timeout of targets that set none
 * @param ingestToken           bearer token {@code POST /ingest} requires; blank = {@code apiToken}
 * @param maxIngestBody         largest accepted {@code /ingest} body
 * @param createTopics          whether to create missing topics of the catalog at start-up
 * @param samplesTopic          topic probe and pushed samples go to
 * @param bufferCapacity        probe samples kept while Kafka is unreachable; beyond it the oldest are dropped
 *                              and counted
 * @param targets               what to probe
 * @param apiToken              the api's operator token ({@code MONITOR_API_TOKEN}), the ingest token when
 *                              {@code ingestToken} is blank, so one token protects a small setup; both blank = no
 *                              token required
 */
@Validated
@ConfigurationProperties("monitor.collector")
public record CollectorSettings(
        @NotBlank String bootstrapServers,
        String hostId,
        @DefaultValue("30s") @DurationUnit(ChronoUnit.SECONDS) Duration defaultInterval,
        @DefaultValue("5s") @DurationUnit(ChronoUnit.SECONDS) Duration highFrequencyInterval,
        @DefaultValue("5s") @DurationUnit(ChronoUnit.SECONDS) Duration timeout,
        String ingestToken,
        @DefaultValue("1MB") DataSize maxIngestBody,
        @DefaultValue("true") boolean createTopics,
        @DefaultValue("monitor.samples.v1") String samplesTopic,
        @DefaultValue("20000") int bufferCapacity,
        List<@Valid Target> targets,
        String apiToken) {

    private static final String PREFIX = "monitor.collector.";
    private static final long MAX_INGEST_BYTES = 64L * 1024 * 1024;
    private static final int MAX_BUFFER = 1_000_000;

    public CollectorSettings {
        hostId = hostId == null || hostId.isBlank() ? HostName.local() : hostId.trim();
        HostName.check(PREFIX + "host-id", hostId);
        positive("default-interval", defaultInterval);
        positive("high-frequency-interval", highFrequencyInterval);
        positive("timeout", timeout);
        ingestToken = ingestToken == null ? "" : ingestToken.trim();
        apiToken = apiToken == null ? "" : apiToken.trim();
        // an empty MONITOR_INGEST_TOKEN (docker-compose passes one) falls back like an unset one
        ingestToken = ingestToken.isEmpty() ? apiToken : ingestToken;
        if (maxIngestBody == null || maxIngestBody.toBytes() < 1024 || maxIngestBody.toBytes() > MAX_INGEST_BYTES) {
            throw new IllegalArgumentException(PREFIX + "max-ingest-body must be between 1KB and 64MB, was "
                    + maxIngestBody);
        }
        if (bufferCapacity < 1 || bufferCapacity > MAX_BUFFER) {
            throw new IllegalArgumentException(PREFIX + "buffer-capacity must be between 1 and " + MAX_BUFFER
                    + ", was " + bufferCapacity);
        }
        targets = resolve(targets == null ? List.of() : targets, defaultInterval, timeout, hostId);
    }

    /** Whether {@code POST /ingest} requires a bearer token. */
    public boolean ingestTokenRequired() {
        return !ingestToken.isEmpty();
    }

    /** The service id host samples are reported under: {@code host:<host-id>}. */
    public String hostServiceId() {
        return "host:" + hostId;
    }

    @Override
    public String toString() {
        // the token is a secret: never let it reach a log line
        return "CollectorSettings[bootstrapServers=" + bootstrapServers + ", hostId=" + hostId + ", defaultInterval="
                + defaultInterval + ", timeout=" + timeout + ", ingestToken=" + (ingestTokenRequired() ? "****" : "")
                + ", maxIngestBody=" + maxIngestBody + ", createTopics=" + createTopics + ", samplesTopic="
                 + samplesTopic + ", bufferCapacity=" + bufferCapacity + ", targets=" + targets + "]";
    }

    private static List<Target> resolve(List<Target> targets, Duration interval, Duration timeout, String hostId) {
        Set<String> ids = new HashSet<>();
        List<Target> resolved = targets.stream()
                .map(target -> target.withDefaults(interval, timeout, hostId))
                .toList();
        for (int i = 0; i < resolved.size(); i++) {
            if (!ids.add(resolved.get(i).id())) {
                throw new IllegalArgumentException(PREFIX + "targets[" + i + "].id must be unique, '"
                        + resolved.get(i).id() + "' appears twice");
            }
        }
        return resolved;
    }

    private static void positive(String key, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(PREFIX + key + " must be > 0, was " + value);
        }
    }
}

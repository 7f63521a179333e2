package io.lifestrands.monitor.schema;

import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * What one processor instance says of its Kafka Streams client on the compacted {@code monitor.processor-health.v1}
 * (key: {@code instance}), sent on every state change and every {@link #INTERVAL}; the latest per key is that
 * instance's current state.
 *
 * @param instance      stable id of the processor instance, also the record key
 * @param applicationId the Streams application id (consumer group) the instance belongs to
 * @param state         the Streams client state by its Java name: {@code CREATED}, {@code REBALANCING},
 *                      {@code RUNNING}, {@code PENDING_SHUTDOWN}, {@code NOT_RUNNING}, {@code PENDING_ERROR} or
 *                      {@code ERROR}; other upper-case names are accepted for later Kafka versions
 * @param since         when the client entered {@code state}
 * @param ts            when the instance sent this heartbeat, by its wall clock
 * @param restarts      how many clients in ERROR the instance has replaced since it started
 * @param reason        the cause of the instance's last failure (exception types and messages); absent when none
 * @param clusterId     the Kafka cluster the instance runs against
 */
public record ProcessorHeartbeat(Integer v, String instance, String applicationId, String state, Instant since,
                                 Instant ts, int restarts, String reason, String clusterId) {

    public static final int VERSION = 1;
    /** How often an instance sends a heartbeat while nothing changes; a reader counts 3 missed ones as stale. */
    public static final Duration INTERVAL = Duration.ofSeconds(5);

    public static final String RUNNING = "RUNNING";
    public static final String REBALANCING = "REBALANCING";
    public static final String CREATED = "CREATED";
    public static final String PENDING_SHUTDOWN = "PENDING_SHUTDOWN";
    public static final String NOT_RUNNING = "NOT_RUNNING";
    public static final String PENDING_ERROR = "PENDING_ERROR";
    public static final String ERROR = "ERROR";

    private static final Pattern STATE = Pattern.compile("[A-Z_]{1,32}");

    public ProcessorHeartbeat {
        v = v == null ? VERSION : v;
        Checks.id("instance", instance);
        Checks.id("application_id", applicationId);
        Checks.required("state", state);
        if (!STATE.matcher(state).matches()) {
            throw new IllegalArgumentException("state must match " + STATE.pattern() + ", was '"
                    + Checks.clip(state) + "'");
        }
        Checks.required("since", since);
        Checks.required("ts", ts);
        if (restarts < 0) {
            throw new IllegalArgumentException("restarts must be >= 0, was " + restarts);
        }
        Checks.text("reason", reason);
        Checks.required("cluster_id", clusterId);
    }
}

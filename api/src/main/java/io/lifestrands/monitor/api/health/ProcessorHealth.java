package io.lifestrands.monitor.api.health;

import io.lifestrands.monitor.schema.ProcessorHeartbeat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The processor entry of {@code /health} from its instances' heartbeats and its consumer group. The group alone cannot
 * tell a Streams client in ERROR: the failed client's member stays until its session times out, and the group looks
 * stable meanwhile. So once heartbeats are seen, they decide, and the group can only veto {@code up}.
 */
final class ProcessorHealth {

    /** Three missed heartbeats. */
    static final Duration FRESHNESS = ProcessorHeartbeat.INTERVAL.multipliedBy(3);

    private static final String CAUSED_BY = "; caused by ";
    private static final Pattern JAVA_NAME = Pattern.compile("[A-Za-z_$][\\w$]*");
    private static final Set<String> STARTING = Set.of(ProcessorHeartbeat.REBALANCING, ProcessorHeartbeat.CREATED);
    private static final Set<String> FAILED = Set.of(ProcessorHeartbeat.ERROR, ProcessorHeartbeat.PENDING_ERROR);

    private ProcessorHealth() {
    }

    /**
     * <ul>
     * <li>no heartbeat ever: the group's verdict (a processor without heartbeats);</li>
     * <li>none within {@link #FRESHNESS}: down, {@code no processor heartbeat for 40 s};</li>
     * <li>a fresh one says RUNNING: up, unless the group is down;</li>
     * <li>fresh ones say REBALANCING (or CREATED): rebalancing; but down while an instance is starting again after
     * its client failed, as the stage is down until it is back;</li>
     * <li>else (ERROR, PENDING_ERROR, PENDING_SHUTDOWN, NOT_RUNNING): down, naming each instance, its state since
     * when, and for a failure the cause and the pending restart.</li>
     * </ul>
     *
     * @param group     the verdict of the consumer group check
     * @param instances what the heartbeats say of each instance
     */
    static Verdict judge(Verdict group, Collection<InstanceHeartbeat> instances, Instant now) {
        if (instances.isEmpty()) {
            return group;
        }
        List<InstanceHeartbeat> fresh = instances.stream()
                .filter(instance -> age(instance, now).compareTo(FRESHNESS) <= 0)
                .sorted(Comparator.comparing(instance -> instance.latest().instance()))
                .toList();
        if (fresh.isEmpty()) {
            Duration newest = instances.stream().map(instance -> age(instance, now)).min(Comparator.naturalOrder())
                    .orElseThrow();
            return new Verdict(DependencyHealth.DOWN, "no processor heartbeat for " + newest.toSeconds() + " s");
        }
        if (fresh.stream().anyMatch(instance -> ProcessorHeartbeat.RUNNING.equals(state(instance)))) {
            return group.status().equals(DependencyHealth.DOWN) ? group : Verdict.UP;
        }
        List<InstanceHeartbeat> rebalancing = fresh.stream()
                .filter(instance -> STARTING.contains(state(instance)) && instance.failedRunning() == null)
                .toList();
        if (!rebalancing.isEmpty()) {
            return new Verdict(DependencyHealth.REBALANCING, describe(rebalancing));
        }
        return new Verdict(DependencyHealth.DOWN, describe(fresh));
    }

    private static String describe(List<InstanceHeartbeat> instances) {
        return instances.stream().map(ProcessorHealth::describe).collect(Collectors.joining("; "));
    }

    /**
     * {@code processor <instance>: ERROR since <t> (<cause>), restart 2 pending}, or {@code processor <instance>:
     * REBALANCING since <t>, restart 2 after ERROR (<cause>)}, or {@code processor <instance>: <state> since <t>}.
     */
    private static String describe(InstanceHeartbeat instance) {
        ProcessorHeartbeat latest = instance.latest();
        String text = "processor " + latest.instance() + ": " + latest.state() + " since "
                + latest.since().truncatedTo(ChronoUnit.SECONDS);
        if (FAILED.contains(latest.state())) {
            return text + cause(latest) + ", restart " + (latest.restarts() + 1) + " pending";
        }
        if (STARTING.contains(latest.state()) && instance.failedRunning() != null) {
            return text + ", restart " + latest.restarts() + " after " + instance.failedRunning().state()
                    + cause(instance.failedRunning());
        }
        return text;
    }

    /**
     * The failure's exception types only ({@code StreamsException; caused by OffsetOutOfRangeException}): the
     * heartbeat's messages may name hosts, files or credentials, and this verdict is served on the public
     * {@code /health}. The whole reason stays on {@code monitor.processor-health.v1} and in the processor's log.
     */
    private static String cause(ProcessorHeartbeat heartbeat) {
        if (heartbeat.reason() == null) {
            return "";
        }
        return " (" + Arrays.stream(heartbeat.reason().split(CAUSED_BY, -1))
                .map(part -> part.contains(": ") ? part.substring(0, part.indexOf(": ")) : part)
                .map(String::strip)
                .filter(type -> JAVA_NAME.matcher(type).matches())
                .collect(Collectors.joining(CAUSED_BY)) + ")";
    }

    private static String state(InstanceHeartbeat instance) {
        return instance.latest().state();
    }

    private static Duration age(InstanceHeartbeat instance, Instant now) {
        return Duration.between(instance.latest().ts(), now);
    }
}

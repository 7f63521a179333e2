package io.lifestrands.monitor.processor.alert;

import io.lifestrands.monitor.schema.AlertEvent;
import io.lifestrands.monitor.schema.AlertRule;
import io.lifestrands.monitor.schema.AlertState;
import io.lifestrands.monitor.schema.Severity;
import io.lifestrands.monitor.schema.Statistic;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The alert state machine of one alert per call, with no Kafka in it: {@code evaluate(state, observation, now)}
 * returns the new state and the transitions to announce.
 *
 * <p>Prometheus semantics where Prometheus has them: pending at the first true evaluation; firing at the first
 * evaluation where the condition has held for {@code for}; a false evaluation while pending resets it with no
 * firing or resolution; {@code keep_firing_for} keeps a firing alert through short recoveries and restarts its
 * count whenever the condition is true again; resolved is announced once. Beyond Prometheus: a clear threshold
 * (hysteresis), Nagios-style flap damping, inhibition of warnings (which never hides a resolution), and
 * {@code absent} rules that hold when no data arrived for longer than the rule's range.
 *
 * <p>The condition is a step function of the observations: it holds its last observed value until the next one, so
 * a {@link Observation.Kind#TICK} can fire a pending alert on time without new input, and a gap in the data neither
 * resets a pending {@code for} nor fires anything.
 */
public final class AlertEngine {

    /** Fewest evaluations in the flap history before a rate is judged. */
    static final int MIN_FLAP_HISTORY = 3;

    private final Inhibition inhibition;
    private final Instant startedAt;

    /**
     * @param inhibition which services currently have their warnings silenced
     * @param startedAt  when this engine (the processor) started: {@code absent} rules wait two ranges after it
     */
    public AlertEngine(Inhibition inhibition, Instant startedAt) {
        this.inhibition = inhibition;
        this.startedAt = startedAt;
    }

    /**
     * Evaluates one alert at {@code now}.
     *
     * @param state the alert's stored state; null for an alert never seen before
     * @param now   the evaluation time: event time of an observation, wall clock of a tick; an earlier time than
     *              the state's last evaluation counts as that time
     */
    public Evaluation evaluate(AlertStateRecord state, Observation observation, Instant now) {
        AlertRule rule = observation.rule();
        AlertStateRecord current = state != null ? state : AlertStateRecord.inactive(
                Fingerprint.of(rule.name(), observation.service(), observation.labels()), rule.name(),
                observation.service(), observation.labels());
        Instant at = current.evaluatedAt() != null && current.evaluatedAt().isAfter(now)
                ? current.evaluatedAt() : now;
        Draft draft = new Draft(current, at);
        observe(draft, rule, observation);
        List<AlertEvent> out = new ArrayList<>(2);
        step(draft, rule, out);
        AlertStateRecord next = draft.toRecord();
        // nothing but the clock moved: keep the stored state, so a steady alert costs no store write
        return new Evaluation(next.withEvaluatedAt(current.evaluatedAt()).equals(current) ? current : next, out);
    }

    /** The alert's rule was deleted: a firing alert is resolved (announced as usual); the state can be dropped. */
    public List<AlertEvent> retire(AlertStateRecord state, AlertRule deletedRule, Instant now) {
        Draft draft = new Draft(state, now);
        List<AlertEvent> out = new ArrayList<>(1);
        if (draft.phase != Phase.INACTIVE) {
            endEpisode(draft, deletedRule, out);
        }
        return out;
    }

    private void observe(Draft d, AlertRule rule, Observation observation) {
        boolean absentRule = rule.statistic() == Statistic.ABSENT;
        switch (observation.kind()) {
            case VALUE -> {
                if (absentRule) {
                    return;
                }
                d.value = observation.value();
                d.condition = holds(rule, d.value, d.phase != Phase.INACTIVE);
                if (d.condition) {
                    // the episode's messages, its resolution included, tell why it held
                    d.detail = observation.detail();
                }
                recordFlapHistory(d, rule);
            }
            case SEEN -> {
                d.lastSeenAt = d.at;
                if (absentRule) {
                    d.condition = false;
                    d.value = 0;
                }
            }
            case TICK -> {
                if (absentRule) {
                    Instant seen = d.lastSeenAt != null ? d.lastSeenAt : startedAt;
                    // after a restart the data may simply not have arrived yet: wait two ranges from the start
                    Instant earliest = startedAt.plus(rule.range());
                    Instant reference = seen.isAfter(earliest) ? seen : earliest;
                    d.condition = Duration.between(reference, d.at).compareTo(rule.range()) > 0;
                    d.value = Math.max(0, Duration.between(seen, d.at).toMillis() / 1000.0);
                }
            }
        }
    }

    /** Hysteresis: an alert that is already pending or firing is judged against the clear threshold. */
    static boolean holds(AlertRule rule, double value, boolean active) {
        double limit = active && rule.clearThreshold() != null ? rule.clearThreshold() : rule.threshold();
        return rule.comparison().holds(value, limit);
    }

    /**
     * Nagios-style: the share of state changes among the latest {@code flap_window} evaluations; above
     * {@code flap_high} the alert starts flapping, below {@code flap_low} it stops.
     */
    private static void recordFlapHistory(Draft d, AlertRule rule) {
        int window = rule.flapWindow();
        if (window == 0) {
            d.flapping = false;
            return;
        }
        long mask = (1L << window) - 1;
        d.history = ((d.history << 1) | (d.condition ? 1 : 0)) & mask;
        d.historySize = Math.min(d.historySize + 1, window);
        if (d.historySize < MIN_FLAP_HISTORY) {
            return;
        }
        long pairs = (1L << (d.historySize - 1)) - 1;
        double rate = Long.bitCount((d.history ^ (d.history >>> 1)) & pairs) / (double) (d.historySize - 1);
        if (!d.flapping && rate > rule.flapHigh()) {
            d.flapping = true;
        } else if (d.flapping && rate < rule.flapLow()) {
            d.flapping = false;
        }
    }

    private void step(Draft d, AlertRule rule, List<AlertEvent> out) {
        if (d.phase == Phase.INACTIVE && d.condition) {
            d.phase = Phase.PENDING;
            d.activeAt = d.at;
            d.notified = null;
            d.inhibitedFiring = false;
            if (!rule.forDuration().isZero() && !d.flapping && !inhibited(d, rule)) {
                announce(d, rule, AlertState.PENDING, null, out);
            }
        }
        if (d.phase == Phase.PENDING) {
            if (!d.condition) {
                endEpisode(d, rule, out);
            } else if (!d.at.isBefore(d.activeAt.plus(rule.forDuration()))) {
                d.phase = Phase.FIRING;
                d.keepFiringSince = null;
            }
        } else if (d.phase == Phase.FIRING) {
            if (d.condition) {
                d.keepFiringSince = null;
            } else {
                d.keepFiringSince = d.keepFiringSince != null ? d.keepFiringSince : d.at;
                if (!d.at.isBefore(d.keepFiringSince.plus(rule.keepFiringFor()))) {
                    endEpisode(d, rule, out);
                }
            }
        }
        if (d.phase == Phase.FIRING && d.notified != AlertState.FIRING && !d.flapping) {
            if (!inhibited(d, rule)) {
                announce(d, rule, AlertState.FIRING, null, out);
            } else {
                d.inhibitedFiring = true;
            }
        }
    }

    /** Asked only when something would be announced: a steady alert costs no inhibition lookup. */
    private boolean inhibited(Draft d, AlertRule rule) {
        return rule.severity() == Severity.WARNING && inhibition.inhibits(d.service);
    }

    /**
     * Ends the episode. A firing that was announced, or withheld only by inhibition, is resolved; an announced
     * pending that never fired is closed by a {@code pending} event with {@code ends_at} (no firing, no
     * resolution), so a dashboard can drop it.
     */
    private static void endEpisode(Draft d, AlertRule rule, List<AlertEvent> out) {
        if (d.phase == Phase.FIRING && (d.notified == AlertState.FIRING || d.inhibitedFiring)) {
            announce(d, rule, AlertState.RESOLVED, d.at, out);
        } else if (d.notified == AlertState.PENDING) {
            announce(d, rule, AlertState.PENDING, d.at, out);
        }
        d.phase = Phase.INACTIVE;
        d.activeAt = null;
        d.keepFiringSince = null;
        d.notified = null;
        d.inhibitedFiring = false;
    }

    private static void announce(Draft d, AlertRule rule, AlertState state, Instant endsAt, List<AlertEvent> out) {
        // deterministic: a replay after a crash yields the same id, so the api deduplicates it
        String id = episodeId(d.fingerprint, d.activeAt);
        // the alert's own labels, which its fingerprint covers (a series, an event's subject), not only the rule's
        String message = MessageTemplate.render(rule, d.service, d.labels, d.value, d.detail);
        out.add(new AlertEvent(AlertEvent.VERSION, id, d.fingerprint, rule.name(), rule.severity(), d.service, state,
                d.value, rule.threshold(), message, d.activeAt, endsAt, d.labels));
        d.notified = state;
    }

    /** The id of an alert's episode: deterministic, so a replay after a crash or a backtest yields the same. */
    static String episodeId(String fingerprint, Instant activeAt) {
        return fingerprint + "-" + activeAt.toEpochMilli();
    }

    /** A working copy of one state inside one evaluation; never leaves this class. */
    private static final class Draft {
        final String fingerprint;
        final String rule;
        final String service;
        final Map<String, String> labels;
        final Instant at;
        Phase phase;
        Instant activeAt;
        Instant keepFiringSince;
        boolean condition;
        double value;
        long history;
        int historySize;
        boolean flapping;
        AlertState notified;
        boolean inhibitedFiring;
        Instant lastSeenAt;
        String detail;

        Draft(AlertStateRecord s, Instant at) {
            this.fingerprint = s.fingerprint();
            this.rule = s.rule();
            this.service = s.service();
            this.labels = s.labels();
            this.at = at;
            this.phase = s.phase();
            this.activeAt = s.activeAt();
            this.keepFiringSince = s.keepFiringSince();
            this.condition = s.condition();
            this.value = s.value();
            this.history = s.history();
            this.historySize = s.historySize();
            this.flapping = s.flapping();
            this.notified = s.notified();
            this.inhibitedFiring = s.inhibitedFiring();
            this.lastSeenAt = s.lastSeenAt();
            this.detail = s.detail();
        }

        AlertStateRecord toRecord() {
            return new AlertStateRecord(fingerprint, rule, service, labels, phase, activeAt, keepFiringSince,
                    condition, value, at, history, historySize, flapping, notified, inhibitedFiring, lastSeenAt,
                    detail);
        }
    }
}

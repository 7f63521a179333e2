package io.lifestrands.monitor.processor.alert;

import io.lifestrands.monitor.schema.AlertState;

import java.time.Instant;
import java.util.Map;

/**
 * What the engine remembers of one alert (rule + service + labels) between evaluations; the value of
 * {@code alert-state-store}, keyed by fingerprint. Immutable: every evaluation returns a new one.
 *
 * @param activeAt        when the condition became true in the current episode (pending since); null when inactive
 * @param keepFiringSince when a firing alert's condition stopped holding; null while it holds
 * @param condition       the last known condition; held between observations (a gap neither resets nor fires)
 * @param value           the last observed value
 * @param evaluatedAt     the latest evaluation time, so an older observation cannot move time back
 * @param history         flap history: bit 0 is the latest condition, bit i the one i evaluations before
 * @param historySize     how many bits of {@code history} are filled
 * @param flapping        whether the alert is flapping (it notifies nothing new until it stops)
 * @param notified        the last state this episode announced on the topic; null when none
 * @param inhibitedFiring whether the episode's firing was withheld by inhibition (its resolution is still sent)
 * @param lastSeenAt      for {@code absent} rules: when data was last seen
 * @param detail          the detail of the latest observation that held the condition (the message's
 *                        {@code {error}}); null when it had none, and in states stored before this field existed
 */
public record AlertStateRecord(String fingerprint, String rule, String service, Map<String, String> labels,
                               Phase phase, Instant activeAt, Instant keepFiringSince, boolean condition,
                               double value, Instant evaluatedAt, long history, int historySize, boolean flapping,
                               AlertState notified, boolean inhibitedFiring, Instant lastSeenAt, String detail) {

    public AlertStateRecord {
        if (fingerprint == null || rule == null || service == null || phase == null) {
            throw new IllegalArgumentException("fingerprint, rule, service and phase are required, were "
                    + fingerprint + ", " + rule + ", " + service + ", " + phase);
        }
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    /** A fresh, inactive alert that has seen nothing yet. */
    public static AlertStateRecord inactive(String fingerprint, String rule, String service,
                                            Map<String, String> labels) {
        return new AlertStateRecord(fingerprint, rule, service, labels, Phase.INACTIVE, null, null, false, 0, null,
                0, 0, false, null, false, null, null);
    }

    /** This state with another evaluation time. */
    public AlertStateRecord withEvaluatedAt(Instant time) {
        return new AlertStateRecord(fingerprint, rule, service, labels, phase, activeAt, keepFiringSince, condition,
                value, time, history, historySize, flapping, notified, inhibitedFiring, lastSeenAt, detail);
    }
}

package io.lifestrands.monitor.api.alerts;

/**
 * Told of every change of the {@link ActiveAlerts}, in the order they happen, while the change is made (so a
 * listener must not block, and must not call back into {@link ActiveAlerts}).
 */
public interface AlertListener {

    /** A transition: an episode opened, moved on, or ended ({@link AlertView#ended()}). */
    void alertChanged(AlertView alert);

    /** An open episode was acknowledged for the first time. */
    void alertAcknowledged(AlertAcknowledged ack, AlertView alert);
}

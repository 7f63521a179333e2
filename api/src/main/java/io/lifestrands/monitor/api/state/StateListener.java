package io.lifestrands.monitor.api.state;

import io.lifestrands.monitor.schema.MetricWindow;
import io.lifestrands.monitor.schema.StatusChange;

/**
 * Told of every change of the {@link LiveState} on the thread that made it, after it is made; a listener must not
 * block and must not call back into the state's writers.
 */
public interface StateListener {

    /** A window became the latest of its series. */
    default void windowChanged(MetricWindow window) {
    }

    /** A service's status changed; {@code change} is null when the service was forgotten (a tombstone). */
    default void statusChanged(String service, StatusChange change) {
    }
}

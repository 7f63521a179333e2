package io.lifestrands.monitor.api.notify;

import io.lifestrands.monitor.schema.AlertEvent;
import io.lifestrands.monitor.schema.AlertState;

import java.util.List;
import java.util.Map;

/**
 * One message to send: the alerts of one group of one channel, as Alertmanager groups them.
 *
 * @param groupKey    stable identity of the group within the channel
 * @param groupLabels the values of the group-by fields
 * @param alerts      the alerts listed in the message, at most the configured maximum
 * @param truncated   further alerts of the group covered by this message but not listed
 */
record Notice(String groupKey, Map<String, String> groupLabels, List<AlertEvent> alerts, int truncated) {

    Notice {
        groupLabels = Map.copyOf(groupLabels);
        alerts = List.copyOf(alerts);
        if (alerts.isEmpty()) {
            throw new IllegalArgumentException("a notice needs at least one alert");
        }
    }

    /** {@code firing} while any listed alert fires, else {@code resolved}. */
    String status() {
        return alerts.stream().anyMatch(a -> a.state() == AlertState.FIRING) ? "firing" : "resolved";
    }

    long firingCount() {
        return alerts.stream().filter(a -> a.state() == AlertState.FIRING).count();
    }

    /** Alerts covered, listed or not. */
    int total() {
        return alerts.size() + truncated;
    }
}

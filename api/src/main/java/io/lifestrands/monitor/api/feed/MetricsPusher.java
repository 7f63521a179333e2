package io.lifestrands.monitor.api.feed;

import io.lifestrands.monitor.api.state.LiveState;

import io.lifestrands.monitor.api.state.MetricsSnapshot;
import io.lifestrands.monitor.api.state.MetricsView;
import io.lifestrands.monitor.api.system.Background;

import java.time.Duration;
import java.util.Map;
import java.util.SortedMap;

/**
 * Sends {@code metrics_update}: when live metrics changed, as {@link PushThrottle} allows, and every push interval
 * even when nothing changed. Each push is built once from the live metrics and encoded once for all clients (once more
 * per services filter); pushes go out one at a time, so a later one never overtakes an earlier one.
 */
final class MetricsPusher {

    private final LiveFeed feed;
    private final MetricsView metrics;
    private final LiveState state;
    private final PushThrottle throttle;
    private final Duration pushInterval;
    /** One push at a time. */
    private final Object pushing = new Object();
    private volatile Background ticker;

    MetricsPusher(LiveFeed feed, MetricsView metrics, LiveState state, PushThrottle throttle, Duration pushInterval) {
        this.feed = feed;
        this.metrics = metrics;
        this.state = state;
        this.throttle = throttle;
        this.pushInterval = pushInterval;
    }

    /** Pushes every push interval on {@code ticker}, and change-driven pushes from now on. */
    void start(Background ticker) {
        this.ticker = ticker;
        ticker.every(pushInterval, pushInterval, this::push);
        if (throttle.pending()) {
            schedule(throttle.untilDue()); // a change that arrived before the start
        }
    }

    void stop() {
        ticker = null;
    }

    /** Live metrics changed (called on the consumer thread): the first change after a push plans the next one. */
    void changed() {
        throttle.changed().ifPresent(this::schedule);
    }

    /** The first client is about to be greeted: its snapshot carries every change so far. */
    void firstClientGreeting() {
        throttle.delivered();
    }

    /** A client was registered: a change that found no client to push to is pushed now. */
    void clientRegistered() {
        if (throttle.pending()) {
            schedule(throttle.untilDue());
        }
    }

    private void schedule(Duration delay) {
        Background t = ticker;
        if (t != null) {
            t.after(delay, this::pushIfDue); // else start() plans it
        }
    }

    /**
     * A change-driven push, when a change is waiting and the min-push interval has passed. A run that finds the
     * interval not yet passed (a periodic push came in between) does nothing: the change after that push planned its
     * own run.
     */
    void pushIfDue() {
        synchronized (pushing) {
            if (throttle.due()) {
                pushNow();
            }
        }
    }

    /** The periodic push. */
    void push() {
        synchronized (pushing) {
            pushNow();
        }
    }

    private void pushNow() {
        if (!feed.hasClients()) {
            // nobody to tell: a waiting change stays waiting, so nothing is planned until a client connects
            return;
        }
        throttle.pushing();
        MetricsSnapshot current = metrics.current();
        SortedMap<String, Map<String, String>> labels = state.labels();
        feed.publish(SocketMessages.METRICS_UPDATE, null,
                next -> new SocketMessages.MetricsUpdate(SocketMessages.METRICS_UPDATE, next, current, labels,
                        current.timestamp()),
                (next, services) -> new SocketMessages.MetricsUpdate(SocketMessages.METRICS_UPDATE, next,
                        new MetricsSnapshot(current.timestamp(), Snapshots.only(current.services(), services)),
                        Snapshots.only(labels, services), current.timestamp()));
    }
}

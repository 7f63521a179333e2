package io.lifestrands.monitor.api.alerts;

import io.lifestrands.monitor.schema.AlertEvent;
import io.lifestrands.monitor.schema.AlertState;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The open alert episodes (pending or firing, neither resolved nor closed), one per fingerprint, as the transitions
 * of {@code monitor.alerts.v1} and the acknowledgements leave them. No Kafka, no Spring: a timeline of transitions in,
 * the open set out. Changes must come one at a time (the caller serialises them); {@link #open()} may be read at any
 * time.
 */
final class ActiveAlertSet {

    /** Most severe first, then newest first: the order of {@code GET /alerts}. */
    static final Comparator<AlertView> ORDER = Comparator.comparing(AlertView::severity)
            .thenComparing(AlertView::startsAt, Comparator.reverseOrder())
            .thenComparing(AlertView::id);
    private static final int MAX_EARLY_ACKS = 10_000;

    private final Map<String, AlertView> open = new ConcurrentHashMap<>();
    /** Acknowledgements of episodes not seen yet, by alert id; the oldest are forgotten beyond the bound. */
    private final Map<String, AlertAcknowledged> earlyAcks = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, AlertAcknowledged> eldest) {
            return size() > MAX_EARLY_ACKS;
        }
    };

    /**
     * Takes one transition: an open episode is added or updated, an ended one (resolved, or pending closed with
     * {@code ends_at}) leaves the set. A transition that would move an episode back (an earlier state of the held
     * episode, or an older episode of the same fingerprint) is a replay and changes nothing.
     *
     * @return the episode as the transition left it, with its acknowledgement; empty for a replay
     */
    Optional<AlertView> apply(AlertEvent event) {
        AlertView held = open.get(event.fingerprint());
        if (held != null && isBehind(event, held)) {
            return Optional.empty();
        }
        AlertView view = AlertView.of(event);
        AlertAcknowledged early = earlyAcks.remove(event.id());
        if (early != null) {
            view = view.acknowledgedBy(early);
        } else if (held != null && held.id().equals(event.id()) && held.acknowledged()) {
            view = view.acknowledgedBy(held.acknowledgement().orElseThrow());
        }
        if (view.ended()) {
            open.remove(event.fingerprint());
        } else {
            open.put(event.fingerprint(), view);
        }
        return Optional.of(view);
    }

    private static boolean isBehind(AlertEvent event, AlertView held) {
        if (!held.id().equals(event.id())) {
            return event.startsAt().isBefore(held.startsAt());
        }
        return rank(event.state(), event.endsAt() != null) < rank(held.state(), held.endsAt() != null);
    }

    /** pending, then firing, then over (resolved, or pending closed): an episode only moves forward. */
    private static int rank(AlertState state, boolean ended) {
        if (ended || state == AlertState.RESOLVED) {
            return 2;
        }
        return state == AlertState.FIRING ? 1 : 0;
    }

    /**
     * Marks the open episode {@code ack.alertId()} acknowledged; remembers the acknowledgement (bounded) when that
     * episode has not been seen yet.
     *
     * @return the episode, when this acknowledged it; empty when it was acknowledged already or is not open here
     */
    Optional<AlertView> acknowledge(AlertAcknowledged ack) {
        for (Map.Entry<String, AlertView> entry : open.entrySet()) {
            AlertView held = entry.getValue();
            if (held.id().equals(ack.alertId())) {
                if (held.acknowledged()) {
                    return Optional.empty();
                }
                AlertView acked = held.acknowledgedBy(ack);
                open.put(entry.getKey(), acked);
                return Optional.of(acked);
            }
        }
        earlyAcks.putIfAbsent(ack.alertId(), ack);
        return Optional.empty();
    }

    /** Takes an episode as stored elsewhere (e.g. at start), unless this set holds the same or a later one. */
    void seed(AlertView stored) {
        if (stored.ended()) {
            return;
        }
        open.merge(stored.fingerprint(), stored, (held, seeded) -> held.startsAt().isBefore(seeded.startsAt())
                ? seeded : held);
    }

    /** The open episodes, most severe first, then newest first. */
    List<AlertView> open() {
        return open.values().stream().sorted(ORDER).toList();
    }

    int size() {
        return open.size();
    }
}

package io.lifestrands.monitor.api.state;

import io.lifestrands.monitor.schema.AnomalyEpisode;
import io.lifestrands.monitor.schema.AnomalyState;
import io.lifestrands.monitor.schema.Statistic;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The open anomaly episodes the api knows of, from {@code monitor.anomalies.v1} (and PostgreSQL's open rows at
 * start), by identity (service, metric, statistic, resolution, start). A closed episode is remembered (the latest
 * {@link #MAX_CLOSED}) so that a replayed {@code open} of it does not reopen it.
 */
public final class OpenAnomalies {

    static final int MAX_CLOSED = 10_000;
    private static final Comparator<AnomalyEpisode> NEWEST_FIRST = Comparator.comparing(AnomalyEpisode::start)
            .reversed().thenComparing(AnomalyEpisode::key);

    private final Map<Identity, AnomalyEpisode> open = new HashMap<>();
    private final Map<Identity, Instant> closed = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Identity, Instant> eldest) {
            return size() > MAX_CLOSED;
        }
    };
    private final List<Consumer<AnomalyEpisode>> listeners = new CopyOnWriteArrayList<>();

    /** Adds a listener of every later change: an episode opened or closed, told on the thread that applied it. */
    public void listen(Consumer<AnomalyEpisode> listener) {
        listeners.add(listener);
    }

    /**
     * Takes one transition; a repeated one, or an {@code open} of an episode already closed, changes nothing.
     *
     * @return whether it changed the model (and was told to the listeners)
     */
    public boolean apply(AnomalyEpisode episode) {
        synchronized (open) {
            Identity id = Identity.of(episode);
            boolean changed;
            if (episode.state() == AnomalyState.OPEN) {
                changed = !closed.containsKey(id) && !open.containsKey(id);
                if (changed) {
                    open.put(id, episode);
                }
            } else {
                changed = !closed.containsKey(id);
                open.remove(id);
                closed.put(id, episode.end());
            }
            if (changed) {
                listeners.forEach(listener -> listener.accept(episode));
            }
            return changed;
        }
    }

    /** Takes an episode stored as open, unless this model already knows it; tells nobody. */
    public void seed(AnomalyEpisode episode) {
        if (episode.state() != AnomalyState.OPEN) {
            throw new IllegalArgumentException("only open episodes seed the model, was " + episode.state());
        }
        synchronized (open) {
            Identity id = Identity.of(episode);
            if (!closed.containsKey(id)) {
                open.putIfAbsent(id, episode);
            }
        }
    }

    /** Every open episode, newest start first. */
    public List<AnomalyEpisode> open() {
        synchronized (open) {
            return open.values().stream().sorted(NEWEST_FIRST).toList();
        }
    }

    /** The open episodes of one service, newest start first; empty when none. */
    public List<AnomalyEpisode> openOf(String service) {
        return open().stream().filter(episode -> episode.service().equals(service)).toList();
    }

    /** As the store's primary key: a consistency finding's name keeps it apart from an episode of the same start. */
    private record Identity(String service, String metric, Statistic statistic, String resolution, Instant start,
                            String finding) {

        static Identity of(AnomalyEpisode e) {
            return new Identity(e.service(), e.metric(), e.statistic(), e.resolution(), e.start(), e.finding());
        }
    }
}

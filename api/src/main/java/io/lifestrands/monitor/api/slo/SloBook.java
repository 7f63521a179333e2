package io.lifestrands.monitor.api.slo;

import io.lifestrands.monitor.schema.Slo;
import io.lifestrands.monitor.schema.SloStatus;
import org.springframework.stereotype.Component;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The SLOs this api knows, from the compacted {@code monitor.slos.v1} (and the ones this instance just wrote), with
 * the processor's latest status of each from {@code monitor.slo-status.v1}. Listeners hear of every change of an
 * SLO's view on the thread that applied it.
 */
@Component
public class SloBook {

    private final Map<String, Slo> slos = new ConcurrentHashMap<>();
    private final Map<String, SloStatus> statuses = new ConcurrentHashMap<>();
    private final List<Consumer<SloView>> listeners = new CopyOnWriteArrayList<>();

    /** Adds a listener of every later change of an SLO or its status. */
    public void listen(Consumer<SloView> listener) {
        listeners.add(listener);
    }

    /** Every SLO with its status, by id. */
    public List<SloView> all() {
        return slos.values().stream().sorted(Comparator.comparing(Slo::id))
                .map(slo -> SloView.of(slo, statuses.get(slo.id()))).toList();
    }

    Optional<SloView> find(String id) {
        return Optional.ofNullable(slos.get(id)).map(slo -> SloView.of(slo, statuses.get(id)));
    }

    Optional<Slo> definition(String id) {
        return Optional.ofNullable(slos.get(id));
    }

    void apply(Slo slo) {
        if (!slo.equals(slos.put(slo.id(), slo))) {
            tell(slo.id());
        }
    }

    void remove(String id) {
        slos.remove(id);
        statuses.remove(id);
    }

    void applyStatus(SloStatus status) {
        statuses.put(status.id(), status);
        tell(status.id());
    }

    void removeStatus(String id) {
        statuses.remove(id);
    }

    private void tell(String id) {
        find(id).ifPresent(view -> listeners.forEach(listener -> listener.accept(view)));
    }
}

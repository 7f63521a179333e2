package io.lifestrands.monitor.processor.slo;

import java.time.Instant;

/**
 * Time left out of SLO budgets, e.g. a service's maintenance windows: events of an excluded service at an excluded
 * instant are not counted. The default excludes nothing.
 */
@FunctionalInterface
public interface Exclusions {

    Exclusions NONE = (service, at) -> false;

    boolean excluded(String service, Instant at);

    /** Re-reads what is excluded; the SLO node calls it at each punctuation. */
    default void refresh() {
    }
}

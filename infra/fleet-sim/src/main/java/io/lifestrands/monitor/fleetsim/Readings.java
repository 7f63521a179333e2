package io.lifestrands.monitor.fleetsim;

import java.util.Map;
import java.util.function.Function;

/** The JSON bodies one simulated service answers, by path; each body may depend on the active fault. */
interface Readings {

    /** Response bodies by path, always including {@code /health}. */
    Map<String, Function<Fault, Map<String, Object>>> routes();
}

package io.lifestrands.monitor.fleetsim;

/** Told of every user request one simulated service served, to report it to the monitor. */
@FunctionalInterface
interface TrafficRecorder extends AutoCloseable {

    /** Records nothing. */
    TrafficRecorder NONE = (route, method, latencyMs, status) -> { };

    /**
     * @param route     the route template served, e.g. {@code /api/work}
     * @param method    the HTTP method
     * @param latencyMs the service time answered after
     * @param status    the HTTP status answered
     */
    void served(String route, String method, long latencyMs, int status);

    /** Sends what is still buffered and stops. */
    @Override
    default void close() {
    }
}

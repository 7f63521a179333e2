package io.lifestrands.monitor.fleetsim;

/** Told of every answered request, e.g. by a benchmark that pushes the same latencies elsewhere. */
@FunctionalInterface
public interface RequestListener {

    /**
     * @param service   the simulated service id
     * @param latencyMs the simulated service time the request was answered after, as the histogram observed it
     * @param status    the HTTP status answered
     */
    void answered(String service, long latencyMs, int status);
}

package io.lifestrands.monitor.api.health;

/**
 * What one check found, before it is timed and stamped into a {@link DependencyHealth}.
 *
 * @param reason why the status is not up; null when it is
 */
record Verdict(String status, String reason) {

    static final Verdict UP = new Verdict(DependencyHealth.UP, null);
}

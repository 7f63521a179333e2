package io.lifestrands.monitor.collector.probe;

/** Metric names built from outside text (a queue key, a group id, a mount point) that still pass the schema. */
final class MetricNames {

    private static final int MAX_LENGTH = 128;

    private MetricNames() {
    }

    /** {@code prefix:part} with every character outside {@code [A-Za-z0-9_.-]} of the part turned into {@code _}. */
    static String of(String prefix, String part) {
        String safe = part.replaceAll("[^A-Za-z0-9_.\\-]", "_");
        String name = prefix + ":" + (safe.isEmpty() ? "_" : safe);
        return name.length() <= MAX_LENGTH ? name : name.substring(0, MAX_LENGTH);
    }
}

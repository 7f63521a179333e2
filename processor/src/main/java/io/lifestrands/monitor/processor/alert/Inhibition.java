package io.lifestrands.monitor.processor.alert;

/** Whether a firing critical alert of a service, or of a service it depends on, silences that service's warnings. */
@FunctionalInterface
public interface Inhibition {

    Inhibition NONE = service -> false;

    boolean inhibits(String service);
}

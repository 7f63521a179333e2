package io.lifestrands.monitor.processor.slo;

/**
 * The burn-rate tiers of one SLO at one event time, for the alert engine: each tier is the lower of the burn rates
 * over its long and its short window (both must be high for the tier to hold), null while either window has no
 * events. Lives only inside the topology: never serialized.
 *
 * @param slo     the SLO's id, the alert's {@code slo} label
 * @param service the SLO's service
 */
public record SloReading(String slo, String service, Double fast, Double slow, Double ticket) {

    /** The alert label that names the SLO. */
    public static final String SLO_LABEL = "slo";
}

package io.lifestrands.monitor.api.analytics;

import io.lifestrands.monitor.schema.ServiceGraph;
import jakarta.validation.constraints.AssertTrue;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of {@code /topology} ({@code monitor.api.topology.*} in {@code api.yaml}).
 *
 * @param dependencies the service graph, as {@code MONITOR_ALERT_DEPENDENCIES} gives it to the processor's inhibition
 *                     too (see {@link ServiceGraph#fromSetting(String)})
 */
@Validated
@ConfigurationProperties("monitor.api.topology")
record TopologySettings(String dependencies) {

    @AssertTrue(message = "dependencies (" + ServiceGraph.VARIABLE + ") must be 'default', empty or "
            + "service=dep1,dep2;other=dep3")
    boolean isDependenciesAServiceGraph() {
        try {
            ServiceGraph.fromSetting(dependencies);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The one service graph of the system, as this setting names it. */
    ServiceGraph serviceGraph() {
        return ServiceGraph.fromSetting(dependencies);
    }
}

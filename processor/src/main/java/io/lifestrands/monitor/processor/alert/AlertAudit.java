package io.lifestrands.monitor.processor.alert;

import io.lifestrands.monitor.schema.AlertEvent;
import io.lifestrands.monitor.schema.json.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Locale;

/**
 * One INFO line per alert transition the processor writes, on its own logger {@value #LOGGER} so operators
 * can route it (a file, a SIEM) or silence it: {@code rule=… service=… state=… severity=… value=… threshold=…
 * fingerprint=… id=… labels={…} message="…"}, labels and message as JSON. A transition written again after a crash
 * (same id and state) is logged again.
 */
final class AlertAudit {

    static final String LOGGER = "monitor.alerts.audit";
    private static final Logger log = LoggerFactory.getLogger(LOGGER);

    private AlertAudit() {
    }

    static void transition(AlertEvent event) {
        if (!log.isInfoEnabled()) {
            return;
        }
        log.info("rule={} service={} state={} severity={} value={} threshold={} fingerprint={} id={} labels={}"
                        + " message={}", event.rule(), event.service(), lower(event.state()), lower(event.severity()),
                MessageTemplate.number(event.value()), MessageTemplate.number(event.threshold()), event.fingerprint(),
                event.id(), Json.write(event.labels()), Json.write(event.message()));
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}

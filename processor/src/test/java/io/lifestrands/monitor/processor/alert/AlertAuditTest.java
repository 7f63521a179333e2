package io.lifestrands.monitor.processor.alert;

import io.lifestrands.monitor.schema.DefaultRules;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.lifestrands.monitor.schema.AlertEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.lifestrands.monitor.processor.alert.AlertTopologyFixture.T0;
import static io.lifestrands.monitor.processor.alert.AlertTopologyFixture.probe;
import static org.assertj.core.api.Assertions.assertThat;

/** Every transition the topology writes is also one structured INFO line on {@code monitor.alerts.audit}. */
class AlertAuditTest {

    @TempDir
    Path stateDir;
    private final Logger audit = (Logger) LoggerFactory.getLogger(AlertAudit.LOGGER);
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();

    @BeforeEach
    void capture() {
        lines.start();
        audit.addAppender(lines);
    }

    @AfterEach
    void release() {
        audit.detachAppender(lines);
    }

    @Test
    void eachTransitionIsOneInfoLineWithRuleServiceStateValueThresholdAndFingerprint() {
        List<AlertEvent> events;
        try (AlertTopologyFixture fixture = new AlertTopologyFixture(stateDir, Duration.ofSeconds(1))
                .withRules(DefaultRules.all())) {
            fixture.pipe(probe("gateway", T0.plusSeconds(2), false, Map.of()));
            fixture.wallClockAt(Duration.ofSeconds(40));
            fixture.pipe(probe("gateway", T0.plusSeconds(40), true, Map.of()));
            events = fixture.alerts.readValuesToList();
        }

        String fingerprint = Fingerprint.of(DefaultRules.SERVICE_DOWN, "gateway", Map.of());
        String id = fingerprint + "-" + T0.plusSeconds(2).toEpochMilli();
        assertThat(events).hasSize(3);
        assertThat(lines.list).allSatisfy(line -> assertThat(line.getLevel()).isEqualTo(Level.INFO))
                .extracting(ILoggingEvent::getFormattedMessage)
                .containsExactly(
                        "rule=service_down service=gateway state=pending severity=critical value=0 threshold=0"
                                + " fingerprint=" + fingerprint + " id=" + id + " labels={}"
                                + " message=\"gateway is down\"",
                        "rule=service_down service=gateway state=firing severity=critical value=0 threshold=0"
                                + " fingerprint=" + fingerprint + " id=" + id + " labels={}"
                                + " message=\"gateway is down\"",
                        "rule=service_down service=gateway state=resolved severity=critical value=1 threshold=0"
                                + " fingerprint=" + fingerprint + " id=" + id + " labels={}"
                                + " message=\"gateway is down\"");
    }
}

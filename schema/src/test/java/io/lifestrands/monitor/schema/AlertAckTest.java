package io.lifestrands.monitor.schema;

import io.lifestrands.monitor.schema.json.Json;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AlertAckTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void anAcknowledgementWithoutCommentLeavesTheFieldOut() {
        AlertAck ack = new AlertAck(null, "fp-1767225600000", "oncall", T0, null);

        assertThat(ack.v()).isEqualTo(AlertAck.VERSION);
        assertThat(Json.write(ack)).doesNotContain("comment");
    }

    @Test
    void aMissingAlertIdOrWhoIsRefusedNamingTheField() {
        assertThatThrownBy(() -> new AlertAck(null, null, "oncall", T0, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("alert_id");
        assertThatThrownBy(() -> Json.read("{\"alert_id\":\"a\",\"acknowledged_at\":\"2026-01-01T00:00:00Z\"}",
                AlertAck.class)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("acknowledged_by");
    }
}

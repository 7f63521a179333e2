package io.lifestrands.monitor.processor.alert;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class FingerprintTest {

    @Test
    void sameRuleServiceAndLabelsGiveTheSameFingerprintWhateverTheLabelOrder() {
        Map<String, String> ab = new LinkedHashMap<>();
        ab.put("a", "1");
        ab.put("b", "2");
        Map<String, String> ba = new LinkedHashMap<>();
        ba.put("b", "2");
        ba.put("a", "1");

        assertThat(Fingerprint.of("r", "gateway", ab)).isEqualTo(Fingerprint.of("r", "gateway", ba))
                .hasSize(16).matches("[0-9a-f]{16}");
    }

    @Test
    void anyDifferenceInRuleServiceOrLabelsGivesAnotherFingerprint() {
        String base = Fingerprint.of("ab", "c", Map.of());

        assertThat(Fingerprint.of("a", "bc", Map.of())).isNotEqualTo(base);
        assertThat(Fingerprint.of("ab", "d", Map.of())).isNotEqualTo(base);
        assertThat(Fingerprint.of("ab", "c", Map.of("team", "x"))).isNotEqualTo(base);
    }

    @Test
    void fingerprintsKeepTheirValuesAcrossVersions() {
        // stored alert states and alert ids are keyed by these: the values must never change
        assertThat(Fingerprint.of("service_down", "gateway", Map.of())).isEqualTo("a66decadf1065461");
        assertThat(Fingerprint.of("rule_1163", "gateway", Map.of())).isEqualTo("0000148ba9ea651d");
        assertThat(Fingerprint.of("r", "gateway", Map.of("team", "x"))).isEqualTo("d6f5aed1044849bc");
        assertThat(Fingerprint.of("r", "gateway", Map.of("b", "2", "a", "1"))).isEqualTo("d89e2ad259ce70d9");
    }
}

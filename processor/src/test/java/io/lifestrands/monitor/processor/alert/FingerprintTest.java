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
}

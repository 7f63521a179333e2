package io.lifestrands.monitor.schema;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The id check is a character loop for speed; it must accept exactly what the contract's pattern accepts. */
class ChecksTest {

    @Test
    void idCheckAcceptsExactlyWhatThePatternMatches() {
        Random random = new Random(7);
        String alphabet = "aZ09_.:-/ é\u0000\n\t-x+@ABzy";
        int accepted = 0;
        for (int i = 0; i < 50_000; i++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(10) == 0 ? 120 + random.nextInt(20) : random.nextInt(8);
            for (int j = 0; j < length; j++) {
                text.append(random.nextInt(20) == 0 ? (char) random.nextInt(0x3000)
                        : alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String value = text.toString();
            boolean matches = Checks.ID.matcher(value).matches();

            assertThat(Checks.isId(value)).as(value).isEqualTo(matches);
            accepted += matches ? 1 : 0;
        }
        assertThat(accepted).isBetween(1, 49_999);
        assertThat(Checks.isId("\uD83D\uDE00")).isFalse();
        assertThat(Checks.isId("a".repeat(128))).isTrue();
        assertThat(Checks.isId("a".repeat(129))).isFalse();
    }
}

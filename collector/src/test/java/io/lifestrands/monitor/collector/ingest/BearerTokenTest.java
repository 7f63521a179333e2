package io.lifestrands.monitor.collector.ingest;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BearerTokenTest {

    @Test
    void blankTokenAcceptsEverything() {
        BearerToken token = new BearerToken("");

        assertThat(token.required()).isFalse();
        assertThat(token.accepts(null)).isTrue();
    }

    @Test
    void acceptsOnlyTheExactTokenWithBearerScheme() {
        BearerToken token = new BearerToken("s3cret");

        assertThat(token.accepts("Bearer s3cret")).isTrue();
        assertThat(token.accepts("bearer s3cret")).isTrue();
        assertThat(token.accepts("Bearer s3cret2")).isFalse();
        assertThat(token.accepts("Basic s3cret")).isFalse();
        assertThat(token.accepts("s3cret")).isFalse();
        assertThat(token.accepts(null)).isFalse();
        assertThat(token.accepts("Bearer ")).isFalse();
    }
}

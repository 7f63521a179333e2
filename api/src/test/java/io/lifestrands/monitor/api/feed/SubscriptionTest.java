package io.lifestrands.monitor.api.feed;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SubscriptionTest {

    @Test
    void filtersByTypeAndServiceAndNarrowsMultiServiceMessages() {
        Subscription sub = Subscription.of(List.of("alert", "metrics_update"), List.of("gateway"));
        FeedMessage metrics = FeedMessage.of(1, "metrics_update", null, "all",
                services -> "only " + String.join(",", services));

        assertThat(FeedMessage.of(2, "alert", "gateway", "{}", null).matches(sub)).isTrue();
        assertThat(FeedMessage.of(3, "alert", "chat_service", "{}", null).matches(sub)).isFalse();
        assertThat(FeedMessage.of(4, "status_change", "gateway", "{}", null).matches(sub)).isFalse();
        assertThat(metrics.matches(sub)).isTrue();
        assertThat(metrics.jsonFor(sub)).isEqualTo("only gateway");
        assertThat(metrics.jsonFor(Subscription.ALL)).isEqualTo("all");
    }

    @Test
    void rejectsAnUnknownTypeNamingIt() {
        assertThatThrownBy(() -> Subscription.of(List.of("alerts"), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'alerts'");
    }

    @Test
    void ignoresBlankNames() {
        Subscription sub = Subscription.of(List.of(" ", "alert"), List.of(""));

        assertThat(sub.types()).isEqualTo(Set.of("alert"));
        assertThat(sub.services()).isEmpty();
    }
}

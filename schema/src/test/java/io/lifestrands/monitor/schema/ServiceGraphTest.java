package io.lifestrands.monitor.schema;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServiceGraphTest {

    @Test
    void unsetOrDefaultIsTheLifeStrandsStackAndBlankIsNone() {
        assertThat(ServiceGraph.fromSetting(null)).isEqualTo(ServiceGraph.LIFE_STRANDS);
        assertThat(ServiceGraph.fromSetting(" default ")).isEqualTo(ServiceGraph.LIFE_STRANDS);
        assertThat(ServiceGraph.fromSetting("").dependsOn()).isEmpty();
    }

    @Test
    void parsesTheSettingAndFollowsDependenciesTransitively() {
        ServiceGraph graph = ServiceGraph.fromSetting("web=api;api=db,cache");

        assertThat(graph.dependsOn()).isEqualTo(Map.of("web", Set.of("api"), "api", Set.of("db", "cache")));
        assertThat(graph.selfAndUpstream("web")).containsExactlyInAnyOrder("web", "api", "db", "cache");
        assertThat(graph.callsOf("api")).containsExactly("cache", "db");
        assertThat(graph.callsOf("db")).isEmpty();
    }

    @Test
    void aMalformedEntryIsNamed() {
        assertThatThrownBy(() -> ServiceGraph.fromSetting("web=api;broken"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'broken'");
    }
}

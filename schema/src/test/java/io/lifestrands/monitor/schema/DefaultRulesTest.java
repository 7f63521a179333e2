package io.lifestrands.monitor.schema;

import io.lifestrands.monitor.schema.json.Json;
import io.lifestrands.monitor.schema.topic.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The default rules against the seed's alert table (service down 30 s, database unreachable 10 s, GPU memory > 95 %
 * for 60 s, p95 > 2000 ms for 300 s, error rate > 5 % for 120 s, queue backlog > 50 for 600 s, tokens/s < 10, model
 * switch and service restart as info for 0 s) and the rules it names without figures (capacity, monitoring
 * failures, configuration changes), row by row; docs/alerts.md shows the same table.
 */
class DefaultRulesTest {

    private static final String TABLE = """
            #name               |severity|service  |metric                             |statistic |range|cmp|limit|for
            service_down        |critical|!postgres|up                                 |last      |1m   |== |0    |30s
            database_unreachable|critical|postgres |up                                 |last      |1m   |== |0    |10s
            monitoring_failed   |warning |*        |monitoring_failed                  |last      |1m   |>  |0    |0s
            gpu_memory_full     |critical|*        |vram_used_pct,gpu_memory_pct       |last      |1m   |>  |95   |60s
            high_latency        |warning |*        |latency_ms or probe_latency_ms     |p95       |5m   |>  |2000 |300s
            error_rate          |warning |*        |latency_ms or probe_latency_ms     |error_rate|5m   |>  |0.05 |120s
            queue_backlog       |warning |*        |queue_size,queue_size:*,queue_depth|last      |1m   |>  |50   |600s
            model_performance   |warning |*        |tokens_per_second                  |mean      |1m   |<  |10   |60s
            host_cpu_high       |warning |*        |cpu_pct                            |last      |1m   |>  |90   |5m
            host_memory_high    |warning |*        |mem_pct                            |last      |1m   |>  |90   |5m
            host_disk_full      |warning |*        |disk_pct:*                         |last      |1m   |>  |90   |10m
            model_switch        |info    |*        |model_switch                       |last      |1m   |>  |0    |0s
            service_restart     |info    |*        |service_restart                    |last      |1m   |>  |0    |0s
            configuration_change|info    |monitor  |config_change                      |last      |1m   |>  |0    |0s
            """;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = TABLE)
    void eachDefaultRuleIsItsRowOfTheTable(String name, String severity, String service, String metric,
                                           String statistic, String range, String comparison, double threshold,
                                           String forDuration) {
        AlertRule rule = DefaultRules.byName().get(name);

        assertThat(rule).as(name).isNotNull();
        assertThat(rule.severity()).isEqualTo(Json.read('"' + severity + '"', Severity.class));
        assertThat(rule.service()).isEqualTo(service);
        assertThat(rule.metric()).isEqualTo(metric);
        assertThat(rule.statistic()).isEqualTo(Json.read('"' + statistic + '"', Statistic.class));
        assertThat(rule.range()).isEqualTo(Json.parseDuration(range));
        assertThat(rule.comparison()).isEqualTo(Json.read('"' + comparison + '"', Comparison.class));
        assertThat(rule.threshold()).isEqualTo(threshold);
        assertThat(rule.forDuration()).isEqualTo(Json.parseDuration(forDuration));
        assertThat(rule.keepFiringFor()).isZero();
        assertThat(rule.labels()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            slo_fast_burn  |critical|slo_burn_1h_5m |14.4
            slo_slow_burn  |critical|slo_burn_6h_30m|6
            slo_budget_burn|warning |slo_burn_3d_6h |1
            """)
    void theSloBurnRulesAreTheWorkbooksTiersAndSeededBesideTheTable(String name, String severity, String metric,
                                                                   double threshold) {
        AlertRule rule = DefaultRules.sloBurn().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();

        assertThat(rule.severity()).isEqualTo(Json.read('"' + severity + '"', Severity.class));
        assertThat(rule.metric()).isEqualTo(metric);
        assertThat(rule.comparison()).isEqualTo(Comparison.GE);
        assertThat(rule.threshold()).isEqualTo(threshold);
        assertThat(rule.forDuration()).isZero();
        assertThat(DefaultRules.seeded()).contains(rule).containsAll(DefaultRules.all());
    }

    @Test
    void theTableListsEveryDefaultRuleAndNothingElse() {
        Set<String> rows = TABLE.lines().filter(line -> !line.isBlank() && !line.strip().startsWith("#"))
                .map(line -> line.split("\\|")[0].strip()).collect(java.util.stream.Collectors.toSet());

        assertThat(DefaultRules.byName().keySet()).isEqualTo(rows);
        assertThat(DefaultRules.all()).hasSize(rows.size());
    }

    @Test
    void infoEventsHaveNoFlapDampingAndTheOthersTheDefault() {
        for (AlertRule rule : DefaultRules.all()) {
            int expected = rule.severity() == Severity.INFO ? 0 : AlertRule.DEFAULT_FLAP_WINDOW;
            assertThat(rule.flapWindow()).as(rule.name()).isEqualTo(expected);
        }
    }

    @Test
    void everyDefaultRuleSurvivesTheRulesTopicSerde() {
        for (AlertRule rule : DefaultRules.all()) {
            byte[] bytes = Topics.ALERT_RULES.valueSerde().serializer().serialize(Topics.ALERT_RULES.name(), rule);

            assertThat(Topics.ALERT_RULES.valueSerde().deserializer().deserialize(Topics.ALERT_RULES.name(), bytes))
                    .as(rule.name()).isEqualTo(rule);
        }
    }
}

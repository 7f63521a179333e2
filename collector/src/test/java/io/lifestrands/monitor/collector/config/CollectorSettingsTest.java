package io.lifestrands.monitor.collector.config;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.util.unit.DataSize;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CollectorSettingsTest {

    @Test
    void yamlDefaultsProbeTheDemoFleetEveryFiveSecondsAndTheHostAtTheDefaultInterval() throws IOException {
        CollectorSettings settings = bind(Map.of("monitor.collector.host-id", "box-1"));

        assertThat(settings.bootstrapServers()).isEqualTo("localhost:9092");
        assertThat(settings.defaultInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.maxIngestBody()).isEqualTo(DataSize.ofMegabytes(1));
        assertThat(settings.ingestTokenRequired()).isFalse();
        assertThat(settings.samplesTopic()).isEqualTo("monitor.samples.v1");
        assertThat(settings.bufferCapacity()).isEqualTo(20_000);
        assertThat(settings.targets()).extracting(Target::id).containsExactly("gateway", "model_service",
                "chat_service", "npc_service", "summary_service", "postgres", "redis", "kafka", "host:box-1");
        assertThat(settings.targets()).extracting(Target::kind).containsExactly(TargetKind.HTTP, TargetKind.MODEL,
                TargetKind.HTTP, TargetKind.HTTP, TargetKind.HTTP, TargetKind.POSTGRES, TargetKind.REDIS,
                TargetKind.KAFKA, TargetKind.SYSTEM);
        assertThat(settings.targets().get(1).url()).isEqualTo(URI.create("http://localhost:8001"));
        assertThat(settings.targets().subList(0, 5)).extracting(Target::interval)
                .containsOnly(Duration.ofSeconds(5));
        assertThat(settings.targets().subList(5, 9)).extracting(Target::interval)
                .containsOnly(Duration.ofSeconds(30));
        assertThat(settings.targets().get(6).queues()).containsExactly("summary_queue");
        assertThat(settings.targets().get(7).connection()).isEqualTo("localhost:9092");
        assertThat(settings.targets().get(7).groups()).contains("monitor-processor");
    }

    @Test
    void anEmptyIngestTokenFallsBackToTheApiTokenAsAnUnsetOneDoes() throws IOException {
        // docker-compose passes MONITOR_INGEST_TOKEN empty when the operator sets only MONITOR_API_TOKEN
        CollectorSettings empty = bind(Map.of("MONITOR_INGEST_TOKEN", "", "MONITOR_API_TOKEN", "operator"));
        CollectorSettings unset = bind(Map.of("MONITOR_API_TOKEN", "operator"));
        CollectorSettings own = bind(Map.of("MONITOR_INGEST_TOKEN", "pushers", "MONITOR_API_TOKEN", "operator"));

        assertThat(empty.ingestToken()).isEqualTo("operator");
        assertThat(unset.ingestToken()).isEqualTo("operator");
        assertThat(own.ingestToken()).isEqualTo("pushers");
        assertThat(empty.ingestTokenRequired()).isTrue();
    }

    @Test
    void databaseAndRedisUrlsOfTheEnvironmentAreProbed() throws IOException {
        CollectorSettings settings = bind(Map.of("DATABASE_URL", "postgresql://app:pw@db:5432/life",
                "REDIS_URL", "redis://cache:6380"));

        assertThat(settings.targets().get(5).connection()).isEqualTo("postgresql://app:pw@db:5432/life");
        assertThat(settings.targets().get(6).connection()).isEqualTo("redis://cache:6380");
    }

    @Test
    void passwordOfAConnectionNeverAppearsInToString() throws IOException {
        CollectorSettings settings = bind(Map.of("DATABASE_URL", "postgresql://app:s3cret-pw@db:5432/life"));

        assertThat(settings.toString()).doesNotContain("s3cret-pw").contains("postgresql://app:****@db:5432/life");
        assertThat(settings.targets().get(5).where()).doesNotContain("s3cret-pw");
    }

    @Test
    void postgresTargetNeedsAPostgresConnection() {
        assertThatThrownBy(() -> new Target("db", TargetKind.POSTGRES, null, null, "mysql://x:secret@h/d", null,
                null, null, null, null, null, null))
                .hasMessageContaining("connection of target 'db' must be postgresql://")
                .message().doesNotContain("secret");
    }

    @Test
    void expectedStatusOutsideHttpCodesFailsNamingTheTarget() {
        assertThatThrownBy(() -> new Target("svc", TargetKind.HTTP, URI.create("http://h"), null, null, null, null,
                List.of(200, 42), null, null, null, null))
                .hasMessageContaining("expected-status of target 'svc' must be HTTP codes 100-599");
    }

    @Test
    void listsAndMetricMapsBindFromYaml() throws IOException {
        CollectorSettings settings = bind(Map.of(
                "monitor.collector.targets[0].id", "billing",
                "monitor.collector.targets[0].kind", "http",
                "monitor.collector.targets[0].url", "http://billing:9000",
                "monitor.collector.targets[0].expected-status", "200,204",
                "monitor.collector.targets[0].metrics.open_invoices", "/stats/open_invoices"));

        Target billing = settings.targets().get(0);
        assertThat(billing.expectedStatus()).containsExactly(200, 204);
        assertThat(billing.metrics()).containsEntry("open_invoices", "/stats/open_invoices");
        assertThat(billing.expects(204)).isTrue();
        assertThat(billing.expects(404)).isFalse();
    }

    @Test
    void hostIdDefaultsToTheMachineName() throws IOException {
        CollectorSettings settings = bind(Map.of());

        assertThat(settings.hostId()).isNotBlank();
        assertThat(settings.targets().get(8).id()).isEqualTo("host:" + settings.hostId());
    }

    @Test
    void intervalWithoutUnitIsSeconds() throws IOException {
        CollectorSettings settings = bind(Map.of("monitor.collector.default-interval", "45"));

        assertThat(settings.defaultInterval()).isEqualTo(Duration.ofSeconds(45));
    }

    @Test
    void zeroTimeoutFailsNamingTheKey() {
        assertThatThrownBy(() -> bind(Map.of("monitor.collector.timeout", "0s")))
                .isInstanceOf(BindException.class)
                .rootCause().hasMessageContaining("monitor.collector.timeout must be > 0");
    }

    @Test
    void httpTargetNeedsAnHttpUrl() {
        assertThatThrownBy(() -> new Target("gateway", TargetKind.HTTP, URI.create("file:///etc/passwd"), null, null,
                null, null, null, null, null, null, null)).hasMessageContaining("url of target 'gateway' must be an http(s) URL");
    }

    @Test
    void tokenNeverAppearsInToString() {
        CollectorSettings settings = TestSettings.settings(List.of(), "s3cret-token");

        assertThat(settings.toString()).doesNotContain("s3cret-token");
    }

    private static CollectorSettings bind(Map<String, Object> overrides) throws IOException {
        MutablePropertySources sources = new MutablePropertySources();
        sources.addFirst(new MapPropertySource("overrides", overrides));
        for (PropertySource<?> yaml : new YamlPropertySourceLoader().load("collector",
                new ClassPathResource("collector.yaml"))) {
            sources.addLast(yaml);
        }
        Binder binder = new Binder(ConfigurationPropertySources.from(sources),
                new PropertySourcesPlaceholdersResolver(sources));
        return binder.bindOrCreate("monitor.collector", Bindable.of(CollectorSettings.class));
    }
}

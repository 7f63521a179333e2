package io.lifestrands.monitor.api.debug;

import io.lifestrands.monitor.api.kafka.PipelineStats;
import io.lifestrands.monitor.api.state.LiveState;
import io.lifestrands.monitor.api.system.BadRequestException;
import io.lifestrands.monitor.api.system.RequestParams;
import io.lifestrands.monitor.schema.topic.Topics;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** The {@code POST /debug/...} actions that inject synthetic samples through the real pipeline. */
@RestController
@EnableConfigurationProperties(DebugSettings.class)
class DebugActionsController {

    static final String SELFTEST_SERVICE = "monitor_selftest";

    private final SampleInjector injector;
    private final DebugSettings settings;
    private final PipelineStats pipeline;
    private final LiveState state;
    private final Clock clock;

    DebugActionsController(SampleInjector injector, DebugSettings settings, PipelineStats pipeline, LiveState state,
                           Clock clock) {
        this.injector = injector;
        this.settings = settings;
        this.pipeline = pipeline;
        this.state = state;
        this.clock = clock;
    }

    /** Synthetic failing samples for {@code service} for {@code duration_s} seconds (default 60). */
    @PostMapping("/debug/simulate-failure")
    @ResponseStatus(HttpStatus.ACCEPTED)
    SampleInjector.Injection simulateFailure(@RequestBody FailureRequest request) {
        String service = service(request.service());
        String type = request.failureType() == null ? "" : request.failureType();
        long seconds = request.durationS() == null ? 60 : request.durationS();
        if (seconds < 1 || seconds > settings.maxInjectDuration().toSeconds()) {
            throw new BadRequestException("duration_s must be between 1 and " + settings.maxInjectDuration().toSeconds()
                    + ", was " + seconds);
        }
        return inject("simulate-failure:" + type, service, Duration.ofSeconds(seconds),
                new SyntheticSamples.Recipe(Duration.ofSeconds(seconds), SyntheticSamples.failure(type, service)));
    }

    /**
     * Samples that make the named default rule fire through the real pipeline ({@link AlertTriggers}); without a
     * service, the one service the rule watches ({@code postgres}, {@code monitor}).
     */
    @PostMapping("/debug/test-alerts")
    @ResponseStatus(HttpStatus.ACCEPTED)
    SampleInjector.Injection testAlerts(@RequestBody AlertTestRequest request) {
        AlertTriggers.Trigger trigger = AlertTriggers.trigger(request.triggerType());
        String service = trigger.service(request.service());
        SyntheticSamples.Recipe recipe = trigger.recipe().apply(service, new AlertTriggers.Setting(
                settings.injectInterval(), state.labels().getOrDefault(service, Map.of())));
        return inject("test-alerts:" + trigger.name(), service, recipe.duration(), recipe);
    }

    /** Produces one marked probe sample for {@code monitor_selftest} and reports where it landed. */
    @PostMapping("/debug/test-metrics-collection")
    CollectionTest testMetricsCollection() {
        Instant now = clock.instant();
        RecordMetadata written = injector.send(SyntheticSamples.probe(SELFTEST_SERVICE, now, true, 1.0, 200, null,
                "test-metrics-collection"));
        Instant last = pipeline.lastMetricAt();
        return new CollectionTest(Topics.SAMPLES.name(), written.partition(), written.offset(), now, last,
                last == null ? null : Duration.between(last, now).toMillis());
    }

    private SampleInjector.Injection inject(String kind, String service, Duration duration,
                                            SyntheticSamples.Recipe recipe) {
        try {
            return injector.start(kind, service, duration, recipe.sample());
        } catch (IllegalStateException e) {
            throw new BadRequestException(e.getMessage());
        }
    }

    private static String service(String service) {
        if (service == null || service.isBlank()) {
            throw new BadRequestException("service is required");
        }
        RequestParams.checkId("service", service);
        return service;
    }

    /** Body of {@code POST /debug/simulate-failure}. */
    record FailureRequest(String service, String failureType, Long durationS) {
    }

    /** Body of {@code POST /debug/test-alerts}. */
    record AlertTestRequest(String triggerType, String service) {
    }

    /**
     * @param lastMetricAgeMs how long ago the api last received a metric window; absent before the first
     */
    record CollectionTest(String topic, int partition, long offset, Instant producedAt, Instant lastMetricAt,
                          Long lastMetricAgeMs) {
    }
}

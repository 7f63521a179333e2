package io.lifestrands.monitor.collector.config;

import io.lifestrands.monitor.collector.publish.SampleBuffer;
import io.lifestrands.monitor.collector.publish.SamplePublisher;
import io.lifestrands.monitor.collector.publish.TopicSetup;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.net.http.HttpClient;
import java.time.Clock;

/** The collector's shared infrastructure beans: clock, probe HTTP client, the Kafka publisher and its buffer. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CollectorSettings.class)
class CollectorConfig {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    HttpClient probeHttpClient(CollectorSettings settings) {
        return HttpClient.newBuilder()
                // the fleet speaks HTTP/1.1; skipping the h2c upgrade attempt keeps the latency honest
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.timeout())
                // a health URL that redirects is misconfigured; following it could reach anything
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Bean(destroyMethod = "close")
    SamplePublisher samplePublisher(CollectorSettings settings, MeterRegistry meters) {
        if (settings.createTopics()) {
            TopicSetup.createMissing(settings);
        }
        return SamplePublisher.connect(settings, meters);
    }

    @Bean(destroyMethod = "close")
    SampleBuffer sampleBuffer(CollectorSettings settings, SamplePublisher publisher, MeterRegistry meters) {
        return new SampleBuffer(publisher, settings.bufferCapacity(), meters);
    }
}

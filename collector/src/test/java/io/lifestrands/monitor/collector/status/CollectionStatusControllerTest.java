package io.lifestrands.monitor.collector.status;

import io.lifestrands.monitor.collector.config.CollectorSettings;
import io.lifestrands.monitor.collector.ingest.ProblemAdvice;
import io.lifestrands.monitor.collector.publish.SampleBuffer;
import io.lifestrands.monitor.collector.publish.SamplePublisher;
import io.lifestrands.monitor.schema.topic.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

import java.time.Clock;
import java.util.List;

import static io.lifestrands.monitor.collector.config.TestSettings.settings;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

class CollectionStatusControllerTest {

    @Test
    void aConfiguredTokenIsRequired() throws Exception {
        MockMvc mvc = mvc(settings(List.of(), "s3cret"));

        mvc.perform(get("/collection-status"))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string("WWW-Authenticate", "Bearer"))
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(get("/collection-status").header("Authorization", "Bearer wrong"))
                .andExpect(status().isUnauthorized());
        mvc.perform(get("/collection-status").header("Authorization", "Bearer s3cret"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.host").value("test-host"));
    }

    @Test
    void withoutATokenItIsOpen() throws Exception {
        mvc(settings(List.of(), "")).perform(get("/collection-status"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.host").value("test-host"));
    }

    private static MockMvc mvc(CollectorSettings settings) {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        MockProducer<String, byte[]> producer = new MockProducer<>(true, null,
                Topics.SAMPLES.keySerde().serializer(), new ByteArraySerializer());
        SampleBuffer buffer = new SampleBuffer(new SamplePublisher(producer, "samples", meters), 10, meters);
        CollectionStatus status = new CollectionStatus(settings, buffer, meters, Clock.systemUTC());
        return MockMvcBuilders.standaloneSetup(new CollectionStatusController(status, settings))
                .setControllerAdvice(new ProblemAdvice()).build();
    }
}

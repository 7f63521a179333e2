package io.lifestrands.monitor.collector.ingest;

import io.lifestrands.monitor.collector.publish.SamplePublisher;
import io.lifestrands.monitor.schema.topic.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

import java.util.List;

import static io.lifestrands.monitor.collector.config.TestSettings.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

class IngestControllerTest {

    private static final String TOKEN = "s3cret";
    private static final String REQUEST = """
            {"kind":"request","host":"web-1","service":"gateway","ts":"2026-01-01T00:00:00Z","up":true,
             "latency_ms":42.5,"status_code":200}""";

    private final MockProducer<String, byte[]> producer = new MockProducer<>(true, null,
            Topics.SAMPLES.keySerde().serializer(), new ByteArraySerializer());
    private MockMvc mvc;

    @BeforeEach
    void setUp() {
        IngestController controller = new IngestController(settings(List.of(), TOKEN),
                new SamplePublisher(producer, "samples", new SimpleMeterRegistry()));
        mvc = MockMvcBuilders.standaloneSetup(controller).setControllerAdvice(new ProblemAdvice()).build();
    }

    @Test
    void validBatchIsAcceptedAfterKafkaAcknowledged() throws Exception {
        mvc.perform(ingest("[" + REQUEST + "," + REQUEST + "]"))
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.accepted").value(2));

        assertThat(producer.history()).hasSize(2)
                .allSatisfy(record -> assertThat(record.key()).isEqualTo("gateway"))
                .allSatisfy(record -> assertThat(record.topic()).isEqualTo("samples"));
    }

    @Test
    void invalidSamplesAreListedAndTheValidOnesStillPublished() throws Exception {
        mvc.perform(ingest("[" + REQUEST + "," + REQUEST.replace("42.5", "-1") + "]"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.accepted").value(1))
                .andExpect(jsonPath("$.rejected[0].index").value(1))
                .andExpect(jsonPath("$.rejected[0].reason").value(org.hamcrest.Matchers.containsString(
                        "latency_ms")));

        assertThat(producer.history()).hasSize(1);
    }

    @Test
    void missingOrWrongTokenIsUnauthorized() throws Exception {
        mvc.perform(post("/ingest").contentType(MediaType.APPLICATION_JSON).content("[" + REQUEST + "]"))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string("WWW-Authenticate", "Bearer"))
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(post("/ingest").header("Authorization", "Bearer wrong").content("[" + REQUEST + "]"))
                .andExpect(status().isUnauthorized());

        assertThat(producer.history()).isEmpty();
    }

    @Test
    void bodyOverTheLimitIsTooLarge() throws Exception {
        String big = "[" + (REQUEST + ",").repeat(1_000) + REQUEST + "]";

        mvc.perform(ingest(big))
                .andExpect(status().isPayloadTooLarge())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));

        assertThat(producer.history()).isEmpty();
    }

    @Test
    void bodyThatIsNotAnArrayIsBadRequest() throws Exception {
        mvc.perform(ingest(REQUEST))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("body must be a JSON array of samples"));
    }

    @Test
    void kafkaFailureIsServiceUnavailable() throws Exception {
        producer.close();

        mvc.perform(ingest("[" + REQUEST + "]"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "5"));
    }

    @Test
    void getIsMethodNotAllowedAsProblem() throws Exception {
        mvc.perform(get("/ingest"))
                .andExpect(status().isMethodNotAllowed())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
    }

    private static MockHttpServletRequestBuilder ingest(String body) {
        return post("/ingest").header("Authorization", "Bearer " + TOKEN).contentType(MediaType.APPLICATION_JSON)
                .content(body);
    }
}

package io.lifestrands.monitor.api.feed;

import io.lifestrands.monitor.api.ApiFixture;
import io.lifestrands.monitor.schema.AlertState;
import io.lifestrands.monitor.schema.ServiceStatus;
import io.lifestrands.monitor.schema.Severity;
import io.lifestrands.monitor.schema.topic.Topics;
import org.junit.jupiter.api.Test;
import org.apache.kafka.common.utils.Utils;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static io.lifestrands.monitor.api.TestRecords.alert;
import static io.lifestrands.monitor.api.TestRecords.change;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two api instances on the same topics: each reads every partition of the live topics itself (no consumer group
 * splits them), so a client of either instance gets every status change and alert, whichever partition it is on.
 */
class MultiInstanceLiveIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int SERVICES = 12;

    @Test
    void eachInstanceBroadcastsTheRecordsOfEveryPartition() throws Exception {
        try (ApiFixture first = new ApiFixture(); ApiFixture second = new ApiFixture()) {
            // ids until their keys cover every partition of the status and alerts topics (at least SERVICES of
            // them), so the test cannot pass with everything on one partition
            List<String> services = new ArrayList<>();
            Set<Integer> statusPartitions = new HashSet<>();
            Set<Integer> alertPartitions = new HashSet<>();
            while (services.size() < SERVICES || statusPartitions.size() < Topics.STATUS.partitions()
                    || alertPartitions.size() < Topics.ALERTS.partitions()) {
                String service = "multi-" + first.id + "-" + services.size();
                services.add(service);
                statusPartitions.add(partitionOf(service, Topics.STATUS.partitions()));
                alertPartitions.add(partitionOf("service_down/" + service, Topics.ALERTS.partitions()));
            }
            String filter = "?services=" + String.join(",", services);
            try (SocketClient a = SocketClient.connect(URI.create(first.webSocketUri() + filter));
                 SocketClient b = SocketClient.connect(URI.create(second.webSocketUri() + filter))) {
                await().atMost(WAIT).until(() -> !a.ofType("snapshot").isEmpty() && !b.ofType("snapshot").isEmpty());
                Instant now = Instant.now();
                for (String service : services) {
                    first.produce(change(service, ServiceStatus.UP, ServiceStatus.DOWN, now));
                    first.produce(alert("ep-" + service, "service_down", Severity.CRITICAL, service,
                            AlertState.FIRING, now));
                }
                first.flush();

                for (SocketClient client : List.of(a, b)) {
                    await().atMost(WAIT).untilAsserted(() -> {
                        assertThat(servicesOf(client, "status_change")).isEqualTo(Set.copyOf(services));
                        assertThat(servicesOf(client, "alert")).isEqualTo(Set.copyOf(services));
                    });
                }
            }
        }
    }

    private static Set<String> servicesOf(SocketClient client, String type) {
        return client.ofType(type).stream()
                .map(m -> (m.has("alert") ? m.path("alert") : m).path("service").asString())
                .filter(s -> !s.isEmpty()).collect(Collectors.toSet());
    }

    /** The partition Kafka's default partitioner picks for this key. */
    private static int partitionOf(String key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }
}

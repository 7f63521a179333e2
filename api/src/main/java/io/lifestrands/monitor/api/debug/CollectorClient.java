package io.lifestrands.monitor.api.debug;

import io.lifestrands.monitor.schema.json.Json;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

/**
 * Fetches {@code GET /collection-status} from each configured collector ({@code monitor.api.debug.collector-urls},
 * operator configuration only, never a request parameter), each bounded by the collector timeout and carrying
 * {@code monitor.api.debug.collector-token} as a bearer token when one is configured.
 */
@Component
class CollectorClient {

    private final DebugSettings settings;
    private final HttpClient http;

    CollectorClient(DebugSettings settings) {
        this.settings = settings;
        this.http = HttpClient.newBuilder().connectTimeout(settings.collectorTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /**
     * @param reachable whether the collector answered 200 with JSON
     * @param error     the failure's type or HTTP status, never a message that could carry internals
     */
    record CollectorStatus(String url, boolean reachable, Integer httpStatus, JsonNode status, String error) {
    }

    List<CollectorStatus> fetchAll() {
        return settings.collectorUrls().parallelStream().map(this::fetch).toList();
    }

    private CollectorStatus fetch(String base) {
        String url = base.endsWith("/") ? base + "collection-status" : base + "/collection-status";
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(settings.collectorTimeout())
                    .header("Accept", "application/json").GET();
            if (settings.collectorToken() != null) {
                request.header("Authorization", "Bearer " + settings.collectorToken());
            }
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                return new CollectorStatus(base, false, response.statusCode(), null, "HTTP " + response.statusCode());
            }
            return new CollectorStatus(base, true, 200, Json.MAPPER.readTree(response.body()), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new CollectorStatus(base, false, null, null, "interrupted");
        } catch (Exception e) {
            return new CollectorStatus(base, false, null, null, e.getClass().getSimpleName());
        }
    }
}

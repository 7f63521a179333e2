package io.lifestrands.monitor.api.security;

import io.lifestrands.monitor.api.ApiFixture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** S1 (every endpoint without a token), S5 (request size and shape limits) and S6 (rate limits). */
class SecurityIT {

    private static final String VIEWER = ApiFixture.VIEWER_TOKEN;
    private static final Set<String> PUBLIC_GETS = Set.of("/health", "/health/services", "/health/{service}",
            "/health/history", "/metrics", "/metrics/history", "/metrics/{service}", "/dashboard/data", "/topology",
            "/ws/monitor", "/actuator/health", "/v3/api-docs", "/v3/api-docs/swagger-config", "/swagger-ui.html");
    private static ApiFixture api;

    @BeforeAll
    static void startApi() {
        api = ApiFixture.shared();
    }

    @Test
    void everyEndpointButHealthAndStatusReadsRefusesARequestWithoutToken() throws Exception {
        List<String> endpoints = endpoints();
        List<String> violations = new ArrayList<>();

        for (String endpoint : endpoints) {
            String[] parts = endpoint.split(" ", 2);
            String method = parts[0];
            String pattern = parts[1];
            int status = api.request(method, concrete(pattern), method.equals("GET") ? null : "{}", null)
                    .statusCode();
            boolean isPublic = method.equals("GET") && PUBLIC_GETS.contains(pattern);
            if (!isPublic && status != 401) {
                violations.add(endpoint + " answered " + status + " without a token");
            }
            if (isPublic && (status == 401 || status == 403)) {
                violations.add(endpoint + " is meant to be public but answered " + status);
            }
        }

        System.out.printf("S1: %d endpoints enumerated at runtime, %d public GETs, %d violations%n", endpoints.size(),
                endpoints.stream().filter(e -> e.startsWith("GET ") && PUBLIC_GETS.contains(e.substring(4))).count(),
                violations.size());
        assertThat(endpoints).hasSizeGreaterThan(30)
                .contains("POST /alerts/{id}/acknowledge", "GET /debug/monitor-health", "GET /actuator/prometheus",
                        "POST /debug/simulate-failure", "GET /alerts", "GET /analytics/performance");
        assertThat(violations).isEmpty();
    }

    @Test
    void viewerTokenReadsButMayNotMutateOrDebug() throws Exception {
        assertThat(api.request("GET", "/alerts", null, VIEWER).statusCode()).isEqualTo(200);
        assertThat(api.request("GET", "/debug/monitor-health", null, VIEWER).statusCode()).isEqualTo(403);
        assertThat(api.request("GET", "/alerts/config", null, VIEWER).statusCode()).isEqualTo(403);
        assertThat(api.request("POST", "/alerts/x/acknowledge", "{}", VIEWER).statusCode()).isEqualTo(403);
        assertThat(api.request("GET", "/debug/monitor-health", null, "wrong-token-0123456789").statusCode())
                .isEqualTo(401);
        assertThat(api.request("GET", "/debug/monitor-health", null, api.token).statusCode()).isEqualTo(200);
    }

    @Test
    void pathVariantsOfProtectedEndpointsNeverAnswerWithoutToken() throws Exception {
        for (String path : List.of("//debug/monitor-health", "/debug;x=1/monitor-health", "/DEBUG/monitor-health",
                "/health/../debug/monitor-health", "/debug/monitor-health/", "/alerts;x=1", "/actuator/prometheus;x")) {
            int status = api.request("GET", path, null, null).statusCode();

            assertThat(status).as(path).isIn(400, 401, 404);
        }
    }

    @Test
    void oversizedBodiesAre413AndMalformedOnes400NeverA5xx() throws Exception {
        String big = "{\"comment\":\"" + "x".repeat(20 * 1024 * 1024) + "\"}";
        String deep = "[".repeat(1000) + "]".repeat(1000);
        String path = "/debug/simulate-failure";

        HttpResponse<String> declared = api.request("POST", path, big, api.token);
        HttpResponse<String> chunked = chunked(path, big.getBytes());
        HttpResponse<String> nested = api.request("POST", path, deep, api.token);
        HttpResponse<String> nestedObject = api.request("POST", path, "{\"service\":" + deep + "}", api.token);
        HttpResponse<String> broken = api.request("POST", "/debug/simulate-failure", "{\"service\":", api.token);
        HttpResponse<String> wrongType = api.request("POST", "/debug/simulate-failure",
                "{\"service\":\"gateway\",\"failure_type\":\"down\",\"duration_s\":\"soon\"}", api.token);

        System.out.printf("S5: 20 MB declared %d, 20 MB chunked %d, [x1000 %d, {service:[x1000} %d, truncated %d, "
                + "wrong type %d%n", declared.statusCode(), chunked.statusCode(), nested.statusCode(),
                nestedObject.statusCode(), broken.statusCode(), wrongType.statusCode());
        assertThat(declared.statusCode()).isEqualTo(413);
        assertThat(declared.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(chunked.statusCode()).isEqualTo(413);
        assertThat(nested.statusCode()).isEqualTo(400);
        assertThat(nestedObject.statusCode()).isEqualTo(400);
        assertThat(broken.statusCode()).isEqualTo(400);
        assertThat(wrongType.statusCode()).isEqualTo(400);
        assertThat(api.get("/alerts/history?size=2147483648").statusCode()).isEqualTo(400);
        assertThat(api.get("/alerts/history?page=-1").statusCode()).isEqualTo(400);
    }

    @Test
    void acknowledgeAndConfigPutAreRateLimitedWithRetryAfter() throws Exception {
        // api.yaml's defaults: 30 acknowledgements and 10 config PUTs a minute per token; this token is used only here
        List<Integer> acks = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            acks.add(api.request("POST", "/alerts/none-" + i + "/acknowledge", null, ApiFixture.OPERATOR_TOKEN)
                    .statusCode());
        }
        List<Integer> puts = new ArrayList<>();
        HttpResponse<String> limited = null;
        for (int i = 0; i < 11; i++) {
            limited = api.request("PUT", "/alerts/config", "{}", ApiFixture.OPERATOR_TOKEN);
            puts.add(limited.statusCode());
        }
        int otherToken = api.post("/alerts/none-other/acknowledge", null).statusCode();

        System.out.printf("S6: acknowledge x32 %s; config PUT x11 %s, Retry-After %s s; other token %d%n", acks, puts,
                limited.headers().firstValue("Retry-After").orElse("none"), otherToken);
        assertThat(acks.subList(0, 30)).containsOnly(404);
        assertThat(acks.subList(30, 32)).containsOnly(429);
        assertThat(puts.subList(0, 10)).doesNotContain(429);
        assertThat(puts.get(10)).isEqualTo(429);
        assertThat(otherToken).isEqualTo(404);
        assertThat(limited.headers().firstValue("Retry-After")).hasValueSatisfying(
                seconds -> assertThat(Long.parseLong(seconds)).isBetween(1L, 3600L));
        assertThat(limited.body()).contains("rate limit");
    }

    @Test
    void testNotificationsAreRateLimitedWithRetryAfter() throws Exception {
        // api.yaml's default: 5 test notifications a minute per token
        List<Integer> statuses = new ArrayList<>();
        HttpResponse<String> limited = null;
        for (int i = 0; i < 6; i++) {
            limited = api.request("POST", "/debug/test-notifications", null, ApiFixture.OPERATOR_TOKEN);
            statuses.add(limited.statusCode());
        }

        System.out.printf("S6: test notifications x6 %s, Retry-After %s s%n", statuses,
                limited.headers().firstValue("Retry-After").orElse("none"));
        assertThat(statuses.subList(0, 5)).doesNotContain(429);
        assertThat(statuses.get(5)).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).hasValueSatisfying(
                seconds -> assertThat(Long.parseLong(seconds)).isBetween(1L, 3600L));
    }

    /** "METHOD pattern" of every handler method and actuator endpoint, at runtime. */
    private static List<String> endpoints() {
        TreeSet<String> endpoints = new TreeSet<>();
        for (RequestMappingInfoHandlerMapping mapping : api.context()
                .getBeansOfType(RequestMappingInfoHandlerMapping.class).values()) {
            for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
                Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
                Set<String> names = methods.isEmpty() ? Set.of("GET", "POST")
                        : methods.stream().map(Enum::name).collect(java.util.stream.Collectors.toSet());
                for (String pattern : info.getPatternValues()) {
                    names.forEach(name -> endpoints.add(name + " " + pattern));
                }
            }
        }
        endpoints.add("GET /ws/monitor");
        return List.copyOf(endpoints);
    }

    private static String concrete(String pattern) {
        return pattern.replaceAll("\\{\\*?[^}]+}", "probe").replace("/**", "/probe").replace("*", "probe");
    }

    private static HttpResponse<String> chunked(String path, byte[] body) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + api.port + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + api.token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> (InputStream) new ByteArrayInputStream(body)))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}

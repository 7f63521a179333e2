package io.lifestrands.monitor.api.notify;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * POSTs JSON to a webhook and classifies the answer: 2xx sent; 429 and 5xx and connection failures retried (429
 * after its {@code Retry-After}); any other 4xx and every redirect failed for good. The URL is checked by the
 * {@link UrlGuard} right before connecting and redirects are never followed (S4). Errors never contain the URL.
 */
final class HttpPoster {

    private final HttpClient client;
    private final UrlGuard guard;
    private final Duration timeout;
    private final Clock clock;

    HttpPoster(UrlGuard guard, Duration timeout, Clock clock) {
        this.client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).connectTimeout(timeout)
                .build();
        this.guard = guard;
        this.timeout = timeout;
        this.clock = clock;
    }

    Outcome post(String url, String json, Map<String, String> headers) {
        var problem = guard.problem(url);
        if (problem.isPresent()) {
            return Outcome.failed(null, "refused before connecting: " + problem.get());
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        headers.forEach(request::header);
        HttpResponse<Void> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            // the class only: some JDK messages quote the URI
            return Outcome.retry(null, null, "connection failed: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.retry(null, null, "interrupted");
        }
        return classify(response.statusCode(), response.headers().firstValue("Retry-After").orElse(null));
    }

    Outcome classify(int status, String retryAfter) {
        if (status >= 200 && status < 300) {
            return Outcome.sent(status);
        }
        if (status == 429) {
            return Outcome.retry(status, retryAfter(retryAfter), "HTTP 429 rate limited");
        }
        if (status >= 500 || status == 408) {
            return Outcome.retry(status, null, "HTTP " + status);
        }
        if (status >= 300 && status < 400) {
            return Outcome.failed(status, "HTTP " + status + " redirect not followed");
        }
        return Outcome.failed(status, "HTTP " + status + " rejected, not retried");
    }

    /** {@code Retry-After} as seconds or an HTTP date; null when absent or unreadable. */
    Duration retryAfter(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.trim();
        try {
            long seconds = Long.parseLong(text);
            return seconds < 0 ? null : Duration.ofSeconds(seconds);
        } catch (NumberFormatException e) {
            try {
                Duration until = Duration.between(clock.instant(),
                        ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
                return until.isNegative() ? Duration.ZERO : until;
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }
}

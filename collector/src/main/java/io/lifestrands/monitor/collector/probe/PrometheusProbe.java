package io.lifestrands.monitor.collector.probe;

import io.lifestrands.monitor.collector.config.Target;
import io.lifestrands.monitor.schema.Sample;
import io.lifestrands.monitor.schema.SampleKind;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scrapes a Prometheus text exposition and maps the target's chosen series into metrics: each entry of
 * {@code metrics} names a sample metric and a {@link SeriesSelector}; the matching series' values are summed, and a
 * selector that matches nothing is left out. Also {@code scraped_series}, the number of series in the scrape. Down
 * on connection failure, timeout or an unexpected status (default: 5xx).
 */
final class PrometheusProbe implements Probe {

    static final int MAX_SCRAPE_BYTES = 4 * 1024 * 1024;
    private static final String ACCEPT = "text/plain;version=0.0.4;q=1.0, */*;q=0.1";

    private final String host;
    private final Target target;
    private final URI uri;
    private final JsonHttp http;
    private final Map<String, SeriesSelector> selectors = new LinkedHashMap<>();

    PrometheusProbe(String host, Target target, JsonHttp http) {
        this.host = host;
        this.target = target;
        this.uri = target.resolve(target.path());
        this.http = http;
        target.metrics().forEach((name, selector) -> {
            try {
                selectors.put(name, SeriesSelector.parse(selector));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("metrics." + name + " of target '" + target.id() + "': "
                        + e.getMessage(), e);
            }
        });
    }

    @Override
    public String service() {
        return target.id();
    }

    @Override
    public Sample probe(Instant now) {
        long start = System.nanoTime();
        try {
            JsonHttp.RawReply reply = http.getBytes(uri, target.timeout(), ACCEPT, MAX_SCRAPE_BYTES);
            double latencyMs = Probe.elapsedMs(start);
            if (!target.expects(reply.status())) {
                return new Sample(Sample.VERSION, SampleKind.PROBE, host, target.id(), now, false, latencyMs,
                        reply.status(), "HTTP " + reply.status(), Map.of(), target.labels());
            }
            List<Exposition.Series> series = Exposition.parse(new String(reply.body(), StandardCharsets.UTF_8));
            return new Sample(Sample.VERSION, SampleKind.PROBE, host, target.id(), now, true, latencyMs,
                    reply.status(), null, metrics(series), target.labels());
        } catch (IOException e) {
            return Probe.failed(host, target.id(), now, Probe.elapsedMs(start), e,
                    ProbeErrors.describe(e, uri.getHost()), target.labels());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Probe.failed(host, target.id(), now, Probe.elapsedMs(start), "interrupted", target.labels());
        }
    }

    private Map<String, Double> metrics(List<Exposition.Series> series) {
        Map<String, Double> metrics = new HashMap<>();
        metrics.put("scraped_series", (double) series.size());
        selectors.forEach((name, selector) -> {
            double sum = 0;
            boolean matched = false;
            for (Exposition.Series s : series) {
                if (selector.matches(s) && Double.isFinite(s.value())) {
                    sum += s.value();
                    matched = true;
                }
            }
            if (matched) {
                metrics.put(name, sum);
            }
        });
        return metrics;
    }
}

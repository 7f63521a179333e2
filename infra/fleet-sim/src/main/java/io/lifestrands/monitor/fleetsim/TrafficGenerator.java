package io.lifestrands.monitor.fleetsim;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Simulated users: requests to every service's {@code /api/work} and, one in ten, {@code /api/slow}, at a steady
 * rate with a burst of three times that rate for 20 s of every two minutes. The services answer them as they answer
 * any request, faults included, so a fault shows in the traffic they report.
 */
final class TrafficGenerator implements AutoCloseable {

    static final Duration TICK = Duration.ofMillis(100);
    static final Duration BURST_PERIOD = Duration.ofMinutes(2);
    static final Duration BURST_LENGTH = Duration.ofSeconds(20);
    static final int BURST_FACTOR = 3;
    static final double SLOW_SHARE = 0.1;
    /** More requests in flight than this per service are skipped: a down or slow service does not pile them up. */
    static final int MAX_IN_FLIGHT = 6;

    private static final Logger log = LoggerFactory.getLogger(TrafficGenerator.class);

    private final Map<String, String> baseUrls;
    private final double requestsPerSecond;
    private final Random random;
    private final HttpClient http;
    private final Map<String, AtomicInteger> inFlight;
    private final ScheduledFuture<?> task;
    private long ticks;

    /**
     * @param baseUrls          base URL by service id
     * @param requestsPerSecond the steady rate per service (&gt; 0)
     */
    TrafficGenerator(Map<String, String> baseUrls, double requestsPerSecond, Random random,
                     ScheduledExecutorService timers) {
        if (!(requestsPerSecond > 0)) {
            throw new IllegalArgumentException("requestsPerSecond must be > 0, was " + requestsPerSecond);
        }
        this.baseUrls = Map.copyOf(baseUrls);
        this.requestsPerSecond = requestsPerSecond;
        this.random = random;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        this.inFlight = new HashMap<>();
        baseUrls.keySet().forEach(id -> inFlight.put(id, new AtomicInteger()));
        long millis = TICK.toMillis();
        task = timers.scheduleAtFixedRate(this::tick, millis, millis, TimeUnit.MILLISECONDS);
        log.info("Simulated users: {} requests/s per service, {}x bursts", requestsPerSecond, BURST_FACTOR);
    }

    private void tick() {
        long elapsedMs = ticks++ * TICK.toMillis();
        boolean burst = elapsedMs % BURST_PERIOD.toMillis() >= BURST_PERIOD.minus(BURST_LENGTH).toMillis();
        double expected = requestsPerSecond * (burst ? BURST_FACTOR : 1) * TICK.toMillis() / 1000.0;
        baseUrls.forEach((id, baseUrl) -> {
            for (int i = 0; i < arrivals(expected); i++) {
                send(id, baseUrl + (random.nextDouble() < SLOW_SHARE ? SimService.SLOW_ROUTE : SimService.WORK_ROUTE));
            }
        });
    }

    /** A Poisson number of arrivals with the given mean. */
    private int arrivals(double mean) {
        double limit = Math.exp(-mean);
        double product = random.nextDouble();
        int count = 0;
        while (product > limit) {
            count++;
            product *= random.nextDouble();
        }
        return count;
    }

    private void send(String id, String url) {
        AtomicInteger pending = inFlight.get(id);
        if (pending.incrementAndGet() > MAX_IN_FLIGHT) {
            pending.decrementAndGet();
            return;
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build();
        // a refused connection or a timeout is what a user of a down service sees; the service reports nothing then
        http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                .whenComplete((response, error) -> pending.decrementAndGet());
    }

    @Override
    public void close() {
        task.cancel(false);
    }
}

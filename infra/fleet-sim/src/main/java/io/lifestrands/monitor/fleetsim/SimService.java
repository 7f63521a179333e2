package io.lifestrands.monitor.fleetsim;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * One simulated service: an HTTP listener on its port, its readings, latency, the active fault, and the running
 * instance ({@code instance_id} and {@code started_at}, added to every {@code /health} answer).
 */
final class SimService implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SimService.class);
    private static final long SLOW_EXTRA_MS = 2_500;
    /** The user-facing route the traffic generator calls most. */
    static final String WORK_ROUTE = "/api/work";
    /** A user-facing route that takes several times longer than {@link #WORK_ROUTE}. */
    static final String SLOW_ROUTE = "/api/slow";
    private static final int SLOW_ROUTE_FACTOR = 8;
    private static final long SLOW_ROUTE_MAX_MS = 2_000;
    /** Share of user requests that fail with 500 without any fault, as a real service's background error rate. */
    private static final double BASE_ERROR_RATE = 0.02;

    private final String id;
    private final Readings readings;
    private final Latency latency;
    private final Random random;
    private final Clock clock;
    private final ExecutorService workers;
    private final ScheduledExecutorService timers;
    private final FaultControl control;
    private final RequestHistogram histogram = new RequestHistogram();
    private volatile RequestListener listener = (service, latencyMs, status) -> { };
    private volatile TrafficRecorder recorder = TrafficRecorder.NONE;
    private HttpServer server;
    private int port;
    private volatile Fault fault = Fault.NONE;
    private long faultGeneration;
    private volatile String instanceId;
    private volatile Instant startedAt;
    /** The next {@link #start} begins a new instance. */
    private boolean restartPending = true;

    SimService(String id, int port, Readings readings, Latency latency, Random random, Clock clock,
               ExecutorService workers, ScheduledExecutorService timers, FaultControl control) {
        this.id = id;
        this.port = port;
        this.readings = readings;
        this.latency = latency;
        this.random = random;
        this.clock = clock;
        this.workers = workers;
        this.timers = timers;
        this.control = control;
    }

    String id() {
        return id;
    }

    synchronized int port() {
        return port;
    }

    Fault fault() {
        return fault;
    }

    /**
     * Binds the listener; with port 0 a free port is chosen and kept for later restarts. The first start, and the
     * first after a {@link Fault#RESTART}, begins a new instance.
     */
    synchronized void start() {
        if (restartPending) {
            instanceId = id + "-" + Long.toHexString(random.nextLong() & Long.MAX_VALUE);
            startedAt = clock.instant();
            restartPending = false;
        }
        try {
            server = HttpServer.create(new InetSocketAddress(port), 64);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot listen on port " + port + " for " + id, e);
        }
        port = server.getAddress().getPort();
        readings.routes().forEach((path, body) -> server.createContext(path, exchange -> serve(exchange, path, body)));
        server.createContext(WORK_ROUTE, exchange -> serve(exchange, WORK_ROUTE, fault -> userAnswer()));
        server.createContext(SLOW_ROUTE, exchange -> serve(exchange, SLOW_ROUTE, fault -> userAnswer()));
        server.createContext("/fault", exchange -> control.handle(exchange, id));
        server.createContext("/metrics", this::serveMetrics);
        server.setExecutor(workers);
        server.start();
    }

    /**
     * Switches the fault; a positive duration clears it again afterwards unless another fault was set meanwhile.
     * {@link Fault#DOWN} closes the listener so clients see connection refused, as with a crashed process.
     * {@link Fault#RESTART} closes it too and opens it again as a new instance: at once, or once {@code duration}
     * (spent as {@link Fault#DOWN}) has passed.
     */
    synchronized void setFault(Fault requested, Duration duration) {
        long generation = ++faultGeneration;
        Fault old = fault;
        Fault newFault = requested;
        if (requested == Fault.RESTART) {
            restartPending = true;
            newFault = duration.isZero() ? Fault.NONE : Fault.DOWN;
            if (server != null) {
                server.stop(0);
                server = null;
            }
            log.info("{} restarting{}", id, duration.isZero() ? "" : ", back in " + duration.toSeconds() + " s");
        }
        fault = newFault;
        if (newFault == Fault.DOWN && server != null) {
            server.stop(0);
            server = null;
        } else if (newFault != Fault.DOWN && server == null) {
            start();
        }
        if (old != newFault) {
            log.info("{} fault {} -> {}{}", id, old.wireName(), newFault.wireName(),
                    duration.isZero() ? "" : " for " + duration.toSeconds() + " s");
        }
        if (!duration.isZero() && newFault != Fault.NONE) {
            timers.schedule(() -> clearIfStill(generation), duration.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private synchronized void clearIfStill(long generation) {
        if (generation == faultGeneration) {
            setFault(Fault.NONE, Duration.ZERO);
        }
    }

    private void serve(HttpExchange exchange, String path, Function<Fault, Map<String, Object>> body)
            throws IOException {
        try (exchange) {
            if (!exchange.getRequestURI().getPath().equals(path)) {
                Responses.send(exchange, 404, Map.of("status", "error", "error", "not found"));
                return;
            }
            if (!exchange.getRequestMethod().equals("GET") && !exchange.getRequestMethod().equals("HEAD")) {
                Responses.send(exchange, 405, Map.of("status", "error", "error", "method not allowed"));
                return;
            }
            Fault current = fault;
            boolean user = path.equals(WORK_ROUTE) || path.equals(SLOW_ROUTE);
            long serviceMs = latency.nextMillis();
            long millis = (path.equals(SLOW_ROUTE) ? Math.min(SLOW_ROUTE_MAX_MS, serviceMs * SLOW_ROUTE_FACTOR)
                    : serviceMs) + (current == Fault.SLOW ? SLOW_EXTRA_MS : 0);
            pause(millis);
            int status = current == Fault.DOWN ? 503
                    : current == Fault.ERRORS && random.nextBoolean() ? 500
                    : user && random.nextDouble() < BASE_ERROR_RATE ? 500 : 200;
            // observed before answering, so a client that got its answer finds it counted
            histogram.observe(millis);
            listener.answered(id, millis, status);
            if (user) {
                recorder.served(path, exchange.getRequestMethod(), millis, status);
            }
            if (status == 503) {
                // only reachable in the instant between the switch and the listener closing
                Responses.send(exchange, status, Map.of("status", "down", "service", id));
            } else if (status == 500) {
                Responses.send(exchange, status, Map.of("status", "error", "service", id,
                        "error", "simulated internal error"));
            } else {
                Responses.send(exchange, status, withInstance(path, body.apply(current)));
            }
        }
    }

    /** {@code /health} names the running instance, as a real service's health endpoint may. */
    private Map<String, Object> withInstance(String path, Map<String, Object> body) {
        if (!path.equals("/health")) {
            return body;
        }
        Map<String, Object> out = new LinkedHashMap<>(body);
        out.put("instance_id", instanceId);
        out.put("started_at", startedAt.toString());
        return out;
    }

    /** The id of the running instance; a new one after every {@link Fault#RESTART}. */
    String instanceId() {
        return instanceId;
    }

    void setListener(RequestListener newListener) {
        listener = newListener;
    }

    /** Reports the user requests served from now on ({@link TrafficRecorder#NONE}: none). */
    void setRecorder(TrafficRecorder newRecorder) {
        recorder = newRecorder;
    }

    private Map<String, Object> userAnswer() {
        return Map.of("status", "ok", "service", id);
    }

    /** {@code GET /metrics}: the request histogram in the Prometheus text format. */
    private void serveMetrics(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] text = histogram.render(id).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
            exchange.sendResponseHeaders(200, text.length);
            exchange.getResponseBody().write(text);
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public synchronized void close() {
        faultGeneration++;
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }
}

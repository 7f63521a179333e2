package io.lifestrands.monitor.fleetsim;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The simulated Life Strands fleet: gateway, model_service, chat_service, npc_service and summary_service, each an
 * HTTP listener with {@code /health} (the model service also {@code /status} and {@code /vram}), realistic latency
 * and a fault switch ({@link #setFault} or {@code POST /fault}); {@code GET /metrics} is a Prometheus histogram of
 * the service times answered ({@link #onRequest} is told of each one). Each {@code /health} names the running
 * instance ({@code instance_id}, {@code started_at}); {@link Fault#RESTART} starts a new one.
 */
public final class FleetSim implements AutoCloseable {

    /** The service ids in port order: {@code basePort + index}. */
    public static final List<String> SERVICES = List.of("gateway", "model_service", "chat_service", "npc_service",
            "summary_service");
    /** Ports of the real fleet start here. */
    public static final int DEFAULT_BASE_PORT = 8000;
    /** Simulated users' steady rate per service when none is configured. */
    public static final double DEFAULT_REQUESTS_PER_SECOND = 2;
    /** The service that pushes {@code request} samples; the others report over OTLP. */
    static final String INGEST_SERVICE = "gateway";

    private static final Logger log = LoggerFactory.getLogger(FleetSim.class);
    private static final Map<String, Duration> MEDIAN_LATENCY = Map.of(
            "gateway", Duration.ofMillis(45),
            "model_service", Duration.ofMillis(20),
            "chat_service", Duration.ofMillis(32),
            "npc_service", Duration.ofMillis(25),
            "summary_service", Duration.ofMillis(40));
    private static final int WORKERS_PER_SERVICE = 8;

    private final Map<String, SimService> services = new LinkedHashMap<>();
    private final List<ExecutorService> pools = new ArrayList<>();
    private final ScheduledExecutorService timers;
    private final long seed;
    private final Clock clock;
    private final List<AutoCloseable> reporters = new ArrayList<>();
    private TrafficGenerator traffic;

    private FleetSim(int basePort, long seed, Clock clock) {
        this.seed = seed;
        this.clock = clock;
        timers = new ScheduledThreadPoolExecutor(1, daemon("fleet-sim-timer"));
        FaultControl control = new FaultControl(id -> Optional.ofNullable(services.get(id)));
        for (int i = 0; i < SERVICES.size(); i++) {
            String id = SERVICES.get(i);
            Random random = new Random(seed + i);
            Readings readings = id.equals("model_service")
                    ? new ModelReadings(random, clock) : new ServiceReadings(id, random, clock);
            ThreadPoolExecutor pool = new ThreadPoolExecutor(WORKERS_PER_SERVICE, WORKERS_PER_SERVICE, 30,
                    TimeUnit.SECONDS, new LinkedBlockingQueue<>(), daemon("fleet-" + id));
            // idle simulators cost no threads
            pool.allowCoreThreadTimeOut(true);
            pools.add(pool);
            int port = basePort == 0 ? 0 : basePort + i;
            services.put(id, new SimService(id, port, readings, new Latency(MEDIAN_LATENCY.get(id), random), random,
                    clock, pool, timers, control));
        }
    }

    /**
     * Starts all five services.
     *
     * @param basePort port of the gateway, the others follow (8000 → 8000-8004); 0 picks a free port for each
     * @throws java.io.UncheckedIOException when a port is taken
     */
    public static FleetSim start(int basePort) {
        return start(basePort, 42L, Clock.systemUTC());
    }

    static FleetSim start(int basePort, long seed, Clock clock) {
        FleetSim fleet = new FleetSim(basePort, seed, clock);
        try {
            fleet.services.values().forEach(SimService::start);
        } catch (RuntimeException e) {
            fleet.close();
            throw e;
        }
        log.info("Fleet simulator up: {}", fleet.ports());
        return fleet;
    }

    /** The port a service listens on (kept across {@link Fault#DOWN}). */
    public int port(String serviceId) {
        return service(serviceId).port();
    }

    /** {@code http://localhost:<port>} of a service, without a trailing slash. */
    public String baseUrl(String serviceId) {
        return "http://localhost:" + port(serviceId);
    }

    /** Switches a service's fault until it is switched again. */
    public void setFault(String serviceId, Fault fault) {
        setFault(serviceId, fault, Duration.ZERO);
    }

    /**
     * Switches a service's fault; it clears by itself after {@code duration} unless another fault is set first.
     *
     * @param duration how long the fault lasts; zero means until switched again
     * @throws IllegalArgumentException for an unknown service id
     */
    public void setFault(String serviceId, Fault fault, Duration duration) {
        service(serviceId).setFault(fault, duration);
    }

    /** Tells {@code listener} of every request any service answers (replacing an earlier listener). */
    public void onRequest(RequestListener listener) {
        services.values().forEach(service -> service.setListener(listener));
    }

    /**
     * Starts simulated users: requests to every service's user routes at {@code requestsPerSecond} each, with bursts,
     * a slow route and a few 500s ({@link TrafficGenerator}). A second call changes nothing.
     *
     * @throws IllegalArgumentException when the rate is not positive
     */
    public synchronized void startTraffic(double requestsPerSecond) {
        if (traffic == null) {
            Map<String, String> urls = new LinkedHashMap<>();
            SERVICES.forEach(id -> urls.put(id, baseUrl(id)));
            traffic = new TrafficGenerator(urls, requestsPerSecond, new Random(seed ^ 0x5eed), timers);
        }
    }

    /**
     * Reports the user requests every service serves from now on: the gateway as {@code request} samples to the
     * collector's {@code /ingest}, the others over OTLP/HTTP to its {@code /v1/metrics}. Without a collector URL
     * nothing is reported. Logs once which it does. A second call changes nothing.
     */
    public synchronized void startReporting(FleetReporting reporting) {
        if (!reporters.isEmpty()) {
            return;
        }
        if (!reporting.enabled()) {
            log.info("Demo fleet does not report its traffic: no collector URL (MONITOR_FLEET_COLLECTOR_URL)");
            return;
        }
        for (SimService service : services.values()) {
            TrafficRecorder recorder = service.id().equals(INGEST_SERVICE)
                    ? new IngestTrafficReporter(service.id(), reporting, clock, timers)
                    : new OtlpTrafficReporter(service.id(), reporting);
            reporters.add(recorder);
            service.setRecorder(recorder);
        }
        log.info("Demo fleet reports its traffic to {}: {} as request samples on /ingest every {} s, the others "
                + "over OTLP/HTTP on /v1/metrics every {} s", reporting.collectorUrl(), INGEST_SERVICE,
                reporting.ingestInterval().toSeconds(), reporting.exportInterval().toSeconds());
    }

    /** The active fault of a service. */
    public Fault fault(String serviceId) {
        return service(serviceId).fault();
    }

    private SimService service(String serviceId) {
        SimService service = services.get(serviceId);
        if (service == null) {
            throw new IllegalArgumentException("service must be one of " + SERVICES + ", was '" + serviceId + "'");
        }
        return service;
    }

    private Map<String, Integer> ports() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        services.forEach((id, service) -> ports.put(id, service.port()));
        return ports;
    }

    @Override
    public synchronized void close() {
        if (traffic != null) {
            traffic.close();
        }
        services.values().forEach(service -> service.setRecorder(TrafficRecorder.NONE));
        for (AutoCloseable reporter : reporters) {
            try {
                reporter.close();
            } catch (Exception e) {
                log.warn("Cannot stop a traffic reporter", e);
            }
        }
        reporters.clear();
        services.values().forEach(SimService::close);
        pools.forEach(ExecutorService::shutdownNow);
        timers.shutdownNow();
    }

    /**
     * {@code MONITOR_FLEET_TRAFFIC_RATE}: simulated requests per second per service, 0 for none.
     *
     * @throws IllegalArgumentException naming the variable when it is not a number &gt;= 0
     */
    public static double trafficRate(Map<String, String> env) {
        String text = env.get("MONITOR_FLEET_TRAFFIC_RATE");
        if (text == null || text.isBlank()) {
            return DEFAULT_REQUESTS_PER_SECOND;
        }
        try {
            double rate = Double.parseDouble(text.trim());
            if (rate >= 0 && rate <= 1000) {
                return rate;
            }
        } catch (NumberFormatException e) {
            // the message below names the value
        }
        throw new IllegalArgumentException("MONITOR_FLEET_TRAFFIC_RATE must be a number from 0 to 1000, was '"
                + text + "'");
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /**
     * Runs the fleet on ports 8000-8004, or from the base port given as the first argument, until killed, with
     * simulated users at {@code MONITOR_FLEET_TRAFFIC_RATE} requests per second per service (default 2, 0 for none),
     * reporting as {@link FleetReporting#fromEnv} reads.
     */
    public static void main(String[] args) throws InterruptedException {
        int basePort = args.length > 0 ? Integer.parseInt(args[0]) : DEFAULT_BASE_PORT;
        Map<String, String> env = System.getenv();
        FleetReporting reporting = FleetReporting.fromEnv(env);
        double rate = trafficRate(env);
        FleetSim fleet = start(basePort);
        fleet.startReporting(reporting);
        if (rate > 0) {
            fleet.startTraffic(rate);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(fleet::close, "fleet-sim-stop"));
        Thread.currentThread().join();
    }
}

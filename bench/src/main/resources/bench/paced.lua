-- wrk pacing: each connection waits between requests so that all connections together send about
-- RATE requests per second (Debian's wrk has no -R option). RATE and CONNECTIONS come from the environment.
local rate = tonumber(os.getenv("BENCH_RATE") or "200")
local connections = tonumber(os.getenv("BENCH_CONNECTIONS") or "4")

function delay()
   return math.floor(1000 * connections / rate)
end

function done(summary, latency, requests)
   io.write(string.format(
      "BENCH_JSON {\"requests\":%d,\"duration_us\":%d,\"errors\":%d,\"non_2xx\":%d," ..
      "\"p50_us\":%d,\"p90_us\":%d,\"p99_us\":%d,\"max_us\":%d}\n",
      summary.requests, summary.duration,
      summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
      summary.errors.status,
      latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max))
end

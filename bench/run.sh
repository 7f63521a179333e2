#!/usr/bin/env bash
# Builds the bench module and its dependencies, then runs one benchmark:
#   bench/run.sh <p1|p2|p2otlp|p3|p4|p5|p6|p7|p8|p9|p9alert|q1|q2|jmh> [key=value ...]
# Results: bench/target/results/<name>.json and a RESULT line on stdout.
# JFR=1 records a flight recording to bench/target/results/<name>.jfr.
# SKIP_BUILD=1 reuses the last build. JAVA_OPTS adds JVM options (default -Xmx2g).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
    ./mvnw -q -pl bench -am package -DskipTests
fi
name="${1:?usage: bench/run.sh <p1|p2|p2otlp|p3|p4|p5|p6|p7|p8|p9|p9alert|q1|q2|jmh> [key=value ...]}"
opts=(${JAVA_OPTS:--Xmx2g})
if [[ "${JFR:-0}" == 1 ]]; then
    mkdir -p bench/target/results
    opts+=("-XX:+FlightRecorder" "-XX:StartFlightRecording=filename=bench/target/results/$name.jfr,settings=profile")
fi
cp="bench/target/classes:$(cat bench/target/classpath.txt)"
exec java "${opts[@]}" -Dbench.results=bench/target/results -cp "$cp" io.lifestrands.monitor.bench.Bench "$@"

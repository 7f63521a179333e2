# The demo fleet (infra/fleet-sim): five simulated Life Strands services on 8000-8004, so the compose system has
# something to monitor. Build the jar first: ./mvnw -DskipTests package. Context is the repository root.
FROM eclipse-temurin:17-jre
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --home-dir /app monitor
WORKDIR /app
COPY infra/fleet-sim/target/fleet-sim-*-exec.jar /app/fleet-sim.jar
USER monitor
# gateway, model_service, chat_service, npc_service, summary_service
EXPOSE 8000 8001 8002 8003 8004
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=50 -XX:+ExitOnOutOfMemoryError"
# healthy = all five services answer HTTP. Any status counts: a service made to fail through its /fault endpoint
# answers 5xx on purpose, and the container is still fine (the monitor is what should notice)
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=4 \
    CMD for port in 8000 8001 8002 8003 8004; do \
            curl -sS -o /dev/null --max-time 2 "http://localhost:$port/metrics" || exit 1; \
        done
ENTRYPOINT ["java", "-jar", "/app/fleet-sim.jar"]

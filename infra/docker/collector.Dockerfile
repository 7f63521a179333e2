# The collector (probes + POST /ingest on 8006). Build the jar first: ./mvnw -DskipTests package
# Context is the repository root (see docker-compose.yml).
FROM eclipse-temurin:17-jre
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --home-dir /app monitor
WORKDIR /app
COPY collector/target/collector-*-exec.jar /app/collector.jar
USER monitor
EXPOSE 8006
# MaxRAMPercentage: the heap follows the container's memory limit instead of the host's
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=4 \
    CMD curl -fsS http://localhost:8006/actuator/health || exit 1
ENTRYPOINT ["java", "-jar", "/app/collector.jar"]

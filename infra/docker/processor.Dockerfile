# The processor (Kafka Streams; no HTTP port). Build the jar first: ./mvnw -DskipTests package
# (infra/processor-app repackages the processor with its launcher). Context is the repository root.
FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 --home-dir /app monitor \
    && mkdir -p /var/lib/monitor-processor \
    && chown monitor /var/lib/monitor-processor
WORKDIR /app
COPY infra/processor-app/target/monitor-processor.jar /app/processor.jar
USER monitor
# the state stores; a volume keeps them across restarts so a restart restores from the changelog's tail only
VOLUME /var/lib/monitor-processor
ENV MONITOR_PROCESSOR_STATE_DIR=/var/lib/monitor-processor \
    MONITOR_PROCESSOR_HEALTH_FILE=/tmp/monitor-processor.health \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=60 -XX:+ExitOnOutOfMemoryError -Dlogback.configurationFile=processor-logback.xml"
# healthy = the launcher rewrote the file in the last 30 s and Streams is RUNNING or REBALANCING
HEALTHCHECK --interval=15s --timeout=5s --start-period=90s --retries=4 \
    CMD test -n "$(find /tmp/monitor-processor.health -newermt '-30 seconds' 2>/dev/null)" \
        && grep -q '^UP ' /tmp/monitor-processor.health || exit 1
ENTRYPOINT ["java", "-jar", "/app/processor.jar"]

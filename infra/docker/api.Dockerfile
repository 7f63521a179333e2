# The api (REST, WebSocket /ws/monitor, dashboard on 8005). Build the jar first: ./mvnw -DskipTests package
# Context is the repository root (see docker-compose.yml).
FROM eclipse-temurin:17-jre
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --home-dir /app monitor
WORKDIR /app
COPY api/target/api-*-exec.jar /app/api.jar
USER monitor
EXPOSE 8005
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
HEALTHCHECK --interval=15s --timeout=5s --start-period=90s --retries=4 \
    CMD curl -fsS http://localhost:8005/actuator/health || exit 1
ENTRYPOINT ["java", "-jar", "/app/api.jar"]

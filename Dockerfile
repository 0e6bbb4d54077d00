# Build stage: compile and package the runnable jar.
FROM maven:3.9-eclipse-temurin-17 AS build
# Set by BuildKit to the image's architecture. On amd64 the linux-x64 profile leaves the other platforms' native
# libraries out of the jar (about 40 MB); elsewhere, or with the classic builder, the jar keeps all of them.
ARG TARGETARCH
WORKDIR /src
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY src src
COPY prompts prompts
RUN mvn -B -q -DskipTests $([ "$TARGETARCH" = "amd64" ] && echo -Plinux-x64) package

# Runtime stage: a JRE, a non-root user, data in a volume, config mounted from outside.
FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 --home /app lorekeeper && mkdir -p /app /data /config && chown lorekeeper /data
WORKDIR /app
COPY --from=build /src/target/lorekeeper.jar /app/lorekeeper.jar
COPY prompts /app/prompts
COPY config/knowledge /app/config/knowledge
USER lorekeeper
VOLUME ["/data"]
ENV LOREKEEPER_JDBC_URL=jdbc:h2:file:/data/lorekeeper LOREKEEPER_INDEX_DIR=/data/index
# 8080: the public listener (put the TLS proxy in front). 8081: /readyz and /metrics, for a private network only;
# the example config binds it to 127.0.0.1 unless LOREKEEPER_ADMIN_BIND=0.0.0.0.
EXPOSE 8080 8081
# Liveness only: /healthz stays on the public port and touches no database.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s CMD curl -fsS http://127.0.0.1:8080/healthz || exit 1
# The heap is a share of the container's memory limit (docker run -m, mem_limit), so it follows the limit; the
# rest is for the embedding model's native memory and the JVM itself. Without a limit it is a share of the host's
# memory. Replace with -e JAVA_OPTS="...".
ENV JAVA_OPTS="-XX:MaxRAMPercentage=50"
# One malloc arena per thread (glibc's default) grows the native memory of the embedding model's threads.
ENV MALLOC_ARENA_MAX=2
# A shell expands JAVA_OPTS, then exec hands PID 1 to java so that SIGTERM reaches the bot's shutdown hook.
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -jar /app/lorekeeper.jar \"$@\"", "lorekeeper"]
CMD ["run", "--config", "/config/lorekeeper.yaml"]

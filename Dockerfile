# One Dockerfile for every module: docker compose builds each image with its own target and MODULE.
# Stage 1 builds the whole project once (Docker caches it for every image).
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY .mvn .mvn
COPY mvnw pom.xml ./
COPY nqpf-architecture nqpf-architecture
COPY nqpf-contracts nqpf-contracts
COPY nqpf-messaging nqpf-messaging
COPY nqpf-web nqpf-web
COPY nqpf-security nqpf-security
COPY auth-server auth-server
COPY nqpf-test-support nqpf-test-support
COPY assessment-engine assessment-engine
COPY indicator-service indicator-service
COPY assessment-service assessment-service
COPY roadmap-service roadmap-service
COPY gateway gateway
COPY nqpf-launcher nqpf-launcher
COPY nqpf-benchmarks nqpf-benchmarks
RUN ./mvnw -B -q -DskipTests package

# A service or the gateway: a Spring Boot jar on a JRE, curl for the healthcheck.
FROM eclipse-temurin:17-jre AS service
ARG MODULE
# The module's executable jar: roadmap-service's is classified (roadmap-service-exec.jar, see its pom).
ARG JAR=${MODULE}.jar
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin nqpf
WORKDIR /app
COPY --from=build /src/${MODULE}/target/${JAR} app.jar
ENV JAVA_TOOL_OPTIONS="-Xmx384m -XX:+UseSerialGC"
# Never root: a service needs no privilege, and a flaw in one must not own the container.
USER 10001
ENTRYPOINT ["java", "-jar", "/app/app.jar"]

# The launcher, used by compose to load the demo data through the gateway.
FROM eclipse-temurin:17-jre AS launcher
RUN useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin nqpf
WORKDIR /app
COPY --from=build /src/nqpf-launcher/target/nqpf-launcher.jar nqpf-launcher.jar
COPY --from=build /src/nqpf-launcher/target/lib lib
COPY datasets datasets
ENV JAVA_TOOL_OPTIONS="-Xmx256m"
USER 10001
ENTRYPOINT ["java", "-Dnqpf.home=/app", "-cp", "/app/nqpf-launcher.jar:/app/lib/*", "org.nqpf.launcher.Nqpf"]

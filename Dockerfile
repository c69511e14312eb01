# syntax=docker/dockerfile:1
# The test app as a container image:  docker build -t testapp .
# Build on a JDK, run on a JRE as a non-root numeric user from Spring Boot's layered extraction, so a code
# change rebuilds only the small application layer. DockerfileEntrypointIT (testapp, mvn verify) performs
# the same extraction and starts the app with exactly this ENTRYPOINT, since CI has no Docker engine.

FROM maven:3.9.9-eclipse-temurin-17 AS build
WORKDIR /workspace
# POMs first: the dependency download is cached until a POM changes. Every module POM is needed, as the
# reactor reads them all even when building one module.
COPY pom.xml ./
COPY vault-k8s-auth-test/pom.xml vault-k8s-auth-test/
COPY vault-k8s-auth-starter/pom.xml vault-k8s-auth-starter/
COPY testapp/pom.xml testapp/
COPY k8s/pom.xml k8s/
COPY vault-k8s-auth-test/src vault-k8s-auth-test/src
COPY vault-k8s-auth-starter/src vault-k8s-auth-starter/src
COPY testapp/src testapp/src
RUN --mount=type=cache,target=/root/.m2 \
    mvn -B -q -pl testapp -am -DskipTests package \
 && java -Djarmode=tools -jar testapp/target/testapp.jar extract --layers --launcher --destination /workspace/extracted

FROM eclipse-temurin:17.0.15_6-jre-noble
WORKDIR /app
# Least to most often changed, one image layer each.
COPY --from=build /workspace/extracted/dependencies/ ./
COPY --from=build /workspace/extracted/spring-boot-loader/ ./
COPY --from=build /workspace/extracted/snapshot-dependencies/ ./
COPY --from=build /workspace/extracted/application/ ./
USER 10001:10001
EXPOSE 8080
# Heap from the container's memory limit; die on OOM so Kubernetes restarts the pod instead of limping on.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", "-Djava.io.tmpdir=/tmp", "org.springframework.boot.loader.launch.JarLauncher"]

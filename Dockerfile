# Operator image. Build: docker build -t switchboard-operator:0.1.0 .
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
COPY operator/pom.xml operator/
RUN mvn -B -ntp -pl operator dependency:go-offline
COPY operator operator
COPY crds crds
RUN mvn -B -ntp -pl operator package -DskipTests

FROM gcr.io/distroless/java17-debian12:nonroot
COPY --from=build /src/operator/target/switchboard-operator.jar /app/switchboard-operator.jar
USER 65532:65532
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/app/switchboard-operator.jar"]

package dev.stratus.deploy.testing;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a test database lives.
 *
 * @param embedded true when it is on the embedded PostgreSQL this JVM started
 */
public record TestDatabase(String host, int port, String user, String password, String database,
                           boolean embedded) {

    /** {@code jdbc:postgresql://host:port/database} (for Flyway, plain JDBC). */
    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    /** {@code postgresql://host:port/database} (for the Vert.x reactive client, Hibernate Reactive). */
    public String reactiveUrl() {
        return "postgresql://" + host + ":" + port + "/" + database;
    }

    /** The default datasource's Quarkus properties pointing here (also turns Dev Services off). */
    public Map<String, String> quarkusConfig() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("quarkus.datasource.db-kind", "postgresql");
        config.put("quarkus.datasource.username", user);
        config.put("quarkus.datasource.password", password);
        config.put("quarkus.datasource.jdbc.url", jdbcUrl());
        config.put("quarkus.datasource.reactive.url", reactiveUrl());
        config.put("quarkus.datasource.devservices.enabled", "false");
        return config;
    }

    @Override
    public String toString() {
        return "TestDatabase[" + reactiveUrl() + " user=" + user + (embedded ? " embedded" : "") + "]";
    }
}

package dev.stratus.image.persistence;

import dev.stratus.common.persistence.Db;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The SQL helper over this service's JDBC pool (the {@code glance} database). Images use Hibernate Reactive;
 * the metadata-definitions catalog uses plain SQL through this on worker threads.
 */
public class DbProducer {

    @Produces
    @Singleton
    Db db(AgroalDataSource dataSource) {
        return new Db(dataSource);
    }
}

package dev.stratus.network.persistence;

import dev.stratus.common.persistence.Db;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The SQL helper over this service's JDBC pool (the {@code neutron} database). */
public class DbProducer {

    @Produces
    @Singleton
    Db db(AgroalDataSource dataSource) {
        return new Db(dataSource);
    }
}

package dev.stratus.scheduler.service;

import dev.stratus.scheduler.persistence.CatalogRepository;
import dev.stratus.scheduler.persistence.Database;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** Puts the standard traits in the catalogue at start-up (idempotent), as Placement syncs os-traits. */
@ApplicationScoped
public class TraitCatalogSeed {

    private final Database database;
    private final CatalogRepository catalog;

    public TraitCatalogSeed(Database database, CatalogRepository catalog) {
        this.database = database;
        this.catalog = catalog;
    }

    void onStart(@Observes @Priority(10) StartupEvent event) {
        database.inTransaction(c -> catalog.addTraits(c, StandardTraits.NAMES));
    }
}

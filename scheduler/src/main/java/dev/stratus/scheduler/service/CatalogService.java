package dev.stratus.scheduler.service;

import dev.stratus.common.fault.ApiException;
import dev.stratus.scheduler.persistence.CatalogRepository;
import dev.stratus.scheduler.persistence.Database;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/** The trait and resource-class catalogues of the Placement API. */
@ApplicationScoped
public class CatalogService {

    private final Database database;
    private final CatalogRepository catalog;

    public CatalogService(Database database, CatalogRepository catalog) {
        this.database = database;
        this.catalog = catalog;
    }

    /** @param associated null: all; true: only traits some provider has; false: only unused ones */
    public List<String> traits(Predicate<String> nameFilter, Boolean associated) {
        return database.read(c -> {
            Set<String> names = new TreeSet<>(catalog.traits(c));
            if (associated != null) {
                Set<String> used = catalog.associatedTraits(c);
                names.removeIf(n -> used.contains(n) != associated);
            }
            return names.stream().filter(nameFilter).toList();
        });
    }

    public boolean traitExists(String name) {
        return database.read(c -> catalog.traitExists(c, name));
    }

    /** @return true when the trait was created, false when it existed */
    public boolean createTrait(String name) {
        if (!StandardTraits.isValidCustom(name)) {
            throw ApiException.badRequest("The trait is invalid. A valid trait must be no longer than 255 characters,"
                    + " start with the prefix \"CUSTOM_\" and use following characters: \"A\"-\"Z\", \"0\"-\"9\" and \"_\"");
        }
        return database.inTransaction(c -> catalog.addTraits(c, List.of(name)));
    }

    public void deleteTrait(String name) {
        database.inTransaction(c -> {
            if (!catalog.traitExists(c, name)) {
                throw ApiException.notFound("No such trait(s): " + name);
            }
            if (!name.startsWith("CUSTOM_")) {
                throw ApiException.badRequest("Cannot delete standard trait " + name + ".");
            }
            if (catalog.traitInUse(c, name)) {
                throw ApiException.conflict("The trait " + name + " is in use by a resource provider.");
            }
            catalog.deleteTrait(c, name);
            return null;
        });
    }

    public List<String> resourceClasses() {
        return database.read(c -> {
            List<String> all = new java.util.ArrayList<>(ResourceClasses.STANDARD);
            all.addAll(catalog.customResourceClasses(c));
            return all;
        });
    }

    public boolean resourceClassExists(String name) {
        return ResourceClasses.isStandard(name) || database.read(c -> catalog.resourceClassExists(c, name));
    }

    /** @return true when created, false when it existed */
    public boolean createResourceClass(String name, boolean conflictIfExists) {
        if (!ResourceClasses.isValidCustom(name)) {
            throw ApiException.badRequest("JSON does not validate: '" + name + "' does not match '^CUSTOM_[A-Z0-9_]+$'");
        }
        boolean created = database.inTransaction(c -> catalog.addResourceClass(c, name));
        if (!created && conflictIfExists) {
            throw ApiException.conflict("Conflicting resource class already exists: " + name).withType(
                    PlacementErrors.DUPLICATE_NAME);
        }
        return created;
    }

    public void deleteResourceClass(String name) {
        if (ResourceClasses.isStandard(name)) {
            throw ApiException.badRequest("Cannot delete standard resource class " + name + ": Cannot delete standard"
                    + " resource class");
        }
        database.inTransaction(c -> {
            if (!catalog.resourceClassExists(c, name)) {
                throw ApiException.notFound("No such resource class " + name + ".");
            }
            if (catalog.resourceClassInUse(c, name)) {
                throw ApiException.conflict("Unable to delete resource class " + name
                        + ". Resource class is in use in inventory.");
            }
            catalog.deleteResourceClass(c, name);
            return null;
        });
    }
}

package dev.stratus.image.metadef.persistence;

import dev.stratus.common.persistence.Db;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** The {@code metadef_resource_types} table: seeded by the migration, grown by associations to new names. */
@ApplicationScoped
public class ResourceTypeRepository {

    private static final String COLUMNS = "id, name, protected, created_at, updated_at";

    private final Db db;

    public ResourceTypeRepository(Db db) {
        this.db = db;
    }

    /** Every resource type, in the order they were created. */
    public List<ResourceTypeRow> list() {
        return db.list("select " + COLUMNS + " from metadef_resource_types order by id", ResourceTypeRepository::row);
    }

    public Optional<ResourceTypeRow> find(String name) {
        return db.one("select " + COLUMNS + " from metadef_resource_types where name = ?", ResourceTypeRepository::row,
                name);
    }

    /** The resource type of that name, created (not protected) when there is none yet. */
    public ResourceTypeRow findOrCreate(String name) {
        db.update("insert into metadef_resource_types (name, protected) values (?, false) on conflict do nothing",
                name);
        return find(name).orElseThrow();
    }

    static ResourceTypeRow row(ResultSet rs) throws SQLException {
        return new ResourceTypeRow(rs.getInt("id"), rs.getString("name"), rs.getBoolean("protected"),
                Db.instant(rs, "created_at"), Db.instant(rs, "updated_at"));
    }
}

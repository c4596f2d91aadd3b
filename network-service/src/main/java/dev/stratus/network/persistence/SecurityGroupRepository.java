package dev.stratus.network.persistence;

import dev.stratus.common.persistence.Db;
import dev.stratus.network.persistence.listing.Column;
import dev.stratus.network.persistence.listing.ListQuery;
import dev.stratus.network.persistence.listing.ResourceColumns;
import dev.stratus.network.persistence.listing.SqlListing;
import dev.stratus.network.persistence.listing.Where;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The {@code security_groups} and {@code default_security_groups} tables. */
@ApplicationScoped
public class SecurityGroupRepository {

    private static final String COLUMNS = "g.id, g.project_id, g.name, g.stateful, " + StandardAttributes.columns("g");

    public static final ResourceColumns LISTING = new ResourceColumns("security_groups", "g", "security_groups")
            .column("id", Column.text("g.id"))
            .column("name", Column.text("g.name"))
            .column("description", Column.text("g.description"))
            .column("project_id", Column.text("g.project_id"))
            .column("tenant_id", Column.text("g.project_id"))
            .column("revision_number", Column.integer("g.revision_number"))
            .column("created_at", Column.time("g.created_at"))
            .column("updated_at", Column.time("g.updated_at"));

    private final Db db;

    public SecurityGroupRepository(Db db) {
        this.db = db;
    }

    public void insert(SecurityGroupRow g) {
        db.update("insert into security_groups (id, project_id, name, description, stateful) values (?, ?, ?, ?, ?)",
                g.id(), g.projectId(), g.name(), g.standard().description(), g.stateful());
    }

    /** Records the project's default group; false when another request recorded one first. */
    public boolean claimDefault(String projectId, String groupId) {
        return db.update("insert into default_security_groups (project_id, security_group_id) values (?, ?) "
                + "on conflict do nothing", projectId, groupId) > 0;
    }

    public Optional<String> defaultGroupId(String projectId) {
        return db.one("select security_group_id from default_security_groups where project_id = ?",
                rs -> rs.getString(1), projectId);
    }

    public boolean isDefault(String groupId) {
        return db.count("select count(*) from default_security_groups where security_group_id = ?", groupId) > 0;
    }

    public Optional<SecurityGroupRow> find(String id) {
        return db.one("select " + COLUMNS + " from security_groups g where g.id = ?", SecurityGroupRepository::row, id);
    }

    public List<SecurityGroupRow> findAll(List<String> ids) {
        return db.list("select " + COLUMNS + " from security_groups g where g.id = any(?)", SecurityGroupRepository::row,
                ids);
    }

    /** The groups, kept from being deleted until the transaction ends (a port or rule is about to use them). */
    public List<SecurityGroupRow> share(List<String> ids) {
        return db.list("select " + COLUMNS + " from security_groups g where g.id = any(?) for key share",
                SecurityGroupRepository::row, ids);
    }

    /** The group, locked until the transaction ends. */
    public Optional<SecurityGroupRow> lock(String id) {
        return db.one("select " + COLUMNS + " from security_groups g where g.id = ? for update",
                SecurityGroupRepository::row, id);
    }

    public Optional<List<SecurityGroupRow>> list(ListQuery query, Where visibility) {
        return SqlListing.page(db, LISTING, query, visibility).map(page -> page.flip(
                db.list(page.sql(COLUMNS, LISTING.from()), SecurityGroupRepository::row, page.where().params().toArray())));
    }

    public void update(String id, Map<String, Object> columns) {
        Updates.apply(db, "security_groups", id, columns);
    }

    /** A rule change is a change of its group too (Neutron bumps the group's revision). */
    public void bump(String id) {
        db.update("update security_groups set " + StandardAttributes.BUMP + " where id = ?", id);
    }

    public boolean delete(String id) {
        return db.update("delete from security_groups where id = ?", id) > 0;
    }

    public boolean inUse(String id) {
        return db.count("select count(*) from port_security_groups where security_group_id = ?", id) > 0;
    }

    public long countByProject(String projectId) {
        return db.count("select count(*) from security_groups where project_id = ?", projectId);
    }

    static SecurityGroupRow row(ResultSet rs) throws SQLException {
        return new SecurityGroupRow(rs.getString("id"), rs.getString("project_id"), rs.getString("name"),
                rs.getBoolean("stateful"), StandardAttributes.read(rs));
    }
}

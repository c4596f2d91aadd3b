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
import java.util.Optional;

/** The {@code meteringlabels} and {@code meteringlabelrules} tables. */
@ApplicationScoped
public class MeteringRepository {

    private static final String LABEL_COLUMNS = "ml.id, ml.project_id, ml.name, ml.description, ml.shared";
    private static final String RULE_COLUMNS = "mr.id, mr.metering_label_id, mr.direction, mr.excluded, "
            + "mr.remote_ip_prefix, mr.source_ip_prefix, mr.destination_ip_prefix";

    public static final ResourceColumns LABEL_LISTING = new ResourceColumns("meteringlabels", "ml", "meteringlabels")
            .column("id", Column.text("ml.id"))
            .column("name", Column.text("ml.name"))
            .column("description", Column.text("ml.description"))
            .column("project_id", Column.text("ml.project_id"))
            .column("tenant_id", Column.text("ml.project_id"))
            .column("shared", Column.bool("ml.shared"));

    public static final ResourceColumns RULE_LISTING = new ResourceColumns("meteringlabelrules", "mr",
            "meteringlabelrules")
            .column("id", Column.text("mr.id"))
            .column("metering_label_id", Column.text("mr.metering_label_id"))
            .column("direction", Column.text("mr.direction"))
            .column("excluded", Column.bool("mr.excluded"))
            .column("remote_ip_prefix", Column.nullableText("mr.remote_ip_prefix"))
            .column("source_ip_prefix", Column.nullableText("mr.source_ip_prefix"))
            .column("destination_ip_prefix", Column.nullableText("mr.destination_ip_prefix"));

    private final Db db;

    public MeteringRepository(Db db) {
        this.db = db;
    }

    public void insert(MeteringLabelRow l) {
        db.update("insert into meteringlabels (id, project_id, name, description, shared) values (?, ?, ?, ?, ?)",
                l.id(), l.projectId(), l.name(), l.description(), l.shared());
    }

    public Optional<MeteringLabelRow> findLabel(String id) {
        return db.list("select " + LABEL_COLUMNS + " from meteringlabels ml where ml.id = ?",
                MeteringRepository::label, id).stream().findFirst();
    }

    /** The label, locked until the transaction ends: rules are added to it one at a time. */
    public Optional<MeteringLabelRow> lockLabel(String id) {
        return db.list("select " + LABEL_COLUMNS + " from meteringlabels ml where ml.id = ? for update",
                MeteringRepository::label, id).stream().findFirst();
    }

    public Optional<List<MeteringLabelRow>> labels(ListQuery query, Where visibility) {
        return SqlListing.page(db, LABEL_LISTING, query, visibility).map(page -> page.flip(
                db.list(page.sql(LABEL_COLUMNS, LABEL_LISTING.from()), MeteringRepository::label,
                        page.where().params().toArray())));
    }

    /** Deletes the label and, by the foreign key's cascade, its rules. */
    public boolean deleteLabel(String id) {
        return db.update("delete from meteringlabels where id = ?", id) > 0;
    }

    public void insert(MeteringLabelRuleRow r) {
        db.update("insert into meteringlabelrules (id, metering_label_id, direction, excluded, remote_ip_prefix, "
                + "source_ip_prefix, destination_ip_prefix) values (?, ?, ?, ?, ?, ?, ?)", r.id(), r.meteringLabelId(),
                r.direction(), r.excluded(), r.remoteIpPrefix(), r.sourceIpPrefix(), r.destinationIpPrefix());
    }

    public Optional<MeteringLabelRuleRow> findRule(String id) {
        return db.list("select " + RULE_COLUMNS + " from meteringlabelrules mr where mr.id = ?",
                MeteringRepository::rule, id).stream().findFirst();
    }

    public Optional<List<MeteringLabelRuleRow>> rules(ListQuery query, Where visibility) {
        return SqlListing.page(db, RULE_LISTING, query, visibility).map(page -> page.flip(
                db.list(page.sql(RULE_COLUMNS, RULE_LISTING.from()), MeteringRepository::rule,
                        page.where().params().toArray())));
    }

    /** The rules of a label with this direction and {@code excluded} (those a new rule must not overlap). */
    public List<MeteringLabelRuleRow> rulesLike(String labelId, String direction, boolean excluded) {
        return db.list("select " + RULE_COLUMNS + " from meteringlabelrules mr where mr.metering_label_id = ? "
                + "and mr.direction = ? and mr.excluded = ?", MeteringRepository::rule, labelId, direction, excluded);
    }

    public boolean deleteRule(String id) {
        return db.update("delete from meteringlabelrules where id = ?", id) > 0;
    }

    static MeteringLabelRow label(ResultSet rs) throws SQLException {
        return new MeteringLabelRow(rs.getString("id"), rs.getString("project_id"), rs.getString("name"),
                rs.getString("description"), rs.getBoolean("shared"));
    }

    static MeteringLabelRuleRow rule(ResultSet rs) throws SQLException {
        return new MeteringLabelRuleRow(rs.getString("id"), rs.getString("metering_label_id"),
                rs.getString("direction"), rs.getBoolean("excluded"), rs.getString("remote_ip_prefix"),
                rs.getString("source_ip_prefix"), rs.getString("destination_ip_prefix"));
    }
}

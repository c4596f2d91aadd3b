package dev.stratus.compute.api.persistence;

import dev.stratus.common.persistence.Db;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import jakarta.enterprise.context.ApplicationScoped;

/** Flavors, their extra specs and their project access lists. */
@ApplicationScoped
public class FlavorRepository {

    private static final String COLUMNS = "flavorid, name, vcpus, memory_mb, root_gb, ephemeral_gb, swap, rxtx_factor,"
            + " is_public, disabled, description";

    /** Which flavors a listing returns. */
    public record Filter(Boolean isPublic, String accessProject, Integer minRam, Integer minDisk) {
    }

    private final Db db;

    public FlavorRepository(Db db) {
        this.db = db;
    }

    public Optional<FlavorRow> find(String id) {
        return db.one("select " + COLUMNS + " from flavors where flavorid = ?", this::row, id)
                .map(f -> withSpecs(List.of(f)).get(0));
    }

    public Optional<FlavorRow> findByName(String name) {
        return db.one("select " + COLUMNS + " from flavors where name = ?", this::row, name)
                .map(f -> withSpecs(List.of(f)).get(0));
    }

    public long count() {
        return db.count("select count(*) from flavors");
    }

    /**
     * Flavors sorted by {@code sortKey} (a column name checked by the caller), keyset-paged after
     * {@code marker}; {@code limit + 1} rows so the caller can tell if more follow.
     */
    public List<FlavorRow> list(Filter filter, String sortColumn, boolean ascending, FlavorRow marker, int limit) {
        StringBuilder sql = new StringBuilder("select " + COLUMNS + " from flavors f where true");
        List<Object> params = new ArrayList<>();
        if (filter.accessProject() != null) {
            sql.append(" and (f.is_public or exists (select 1 from flavor_projects p where p.flavorid = f.flavorid"
                    + " and p.project_id = ?))");
            params.add(filter.accessProject());
        } else if (filter.isPublic() != null) {
            sql.append(" and f.is_public = ?");
            params.add(filter.isPublic());
        }
        if (filter.minRam() != null) {
            sql.append(" and f.memory_mb >= ?");
            params.add(filter.minRam());
        }
        if (filter.minDisk() != null) {
            sql.append(" and f.root_gb >= ?");
            params.add(filter.minDisk());
        }
        String op = ascending ? ">" : "<";
        String dir = ascending ? "asc" : "desc";
        if (marker != null) {
            sql.append(" and (f.").append(sortColumn).append(", f.flavorid) ").append(op).append(" (?, ?)");
            params.add(sortValue(marker, sortColumn));
            params.add(marker.id());
        }
        sql.append(" order by f.").append(sortColumn).append(' ').append(dir).append(", f.flavorid ").append(dir)
                .append(" limit ?");
        params.add(limit + 1);
        return withSpecs(db.list(sql.toString(), this::row, params.toArray()));
    }

    private static Object sortValue(FlavorRow f, String column) {
        return switch (column) {
            case "name" -> f.name();
            case "vcpus" -> f.vcpus();
            case "memory_mb" -> f.memoryMb();
            case "root_gb" -> f.rootGb();
            case "ephemeral_gb" -> f.ephemeralGb();
            case "swap" -> f.swap();
            case "rxtx_factor" -> f.rxtxFactor();
            case "is_public" -> f.isPublic();
            case "disabled" -> f.disabled();
            case "description" -> f.description();
            default -> f.id();
        };
    }

    public void insert(FlavorRow f) {
        db.update("insert into flavors (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", f.id(), f.name(),
                f.vcpus(), f.memoryMb(), f.rootGb(), f.ephemeralGb(), f.swap(), f.rxtxFactor(), f.isPublic(),
                f.disabled(), f.description());
    }

    public boolean updateDescription(String id, String description) {
        return db.update("update flavors set description = ?, updated_at = now() where flavorid = ?", description, id) > 0;
    }

    public boolean delete(String id) {
        return db.update("delete from flavors where flavorid = ?", id) > 0;
    }

    public void putSpecs(String id, Map<String, String> specs) {
        List<Object[]> rows = new ArrayList<>();
        specs.forEach((k, v) -> rows.add(new Object[] {id, k, v}));
        db.batch("insert into flavor_extra_specs (flavorid, key, value) values (?, ?, ?)"
                + " on conflict (flavorid, key) do update set value = excluded.value", rows);
    }

    public boolean deleteSpec(String id, String key) {
        return db.update("delete from flavor_extra_specs where flavorid = ? and key = ?", id, key) > 0;
    }

    public List<String> accessProjects(String id) {
        return db.list("select project_id from flavor_projects where flavorid = ? order by project_id",
                rs -> rs.getString(1), id);
    }

    public boolean hasAccess(String id, String projectId) {
        return db.count("select count(*) from flavor_projects where flavorid = ? and project_id = ?", id, projectId) > 0;
    }

    public boolean addAccess(String id, String projectId) {
        return db.update("insert into flavor_projects (flavorid, project_id) values (?, ?) on conflict do nothing",
                id, projectId) > 0;
    }

    public boolean removeAccess(String id, String projectId) {
        return db.update("delete from flavor_projects where flavorid = ? and project_id = ?", id, projectId) > 0;
    }

    private List<FlavorRow> withSpecs(List<FlavorRow> flavors) {
        if (flavors.isEmpty()) {
            return flavors;
        }
        Map<String, Map<String, String>> specs = new HashMap<>();
        db.list("select flavorid, key, value from flavor_extra_specs where flavorid = any(?)", rs -> {
            specs.computeIfAbsent(rs.getString(1), k -> new TreeMap<>()).put(rs.getString(2), rs.getString(3));
            return null;
        }, flavors.stream().map(FlavorRow::id).toList());
        List<FlavorRow> out = new ArrayList<>(flavors.size());
        for (FlavorRow f : flavors) {
            out.add(new FlavorRow(f.id(), f.name(), f.vcpus(), f.memoryMb(), f.rootGb(), f.ephemeralGb(), f.swap(),
                    f.rxtxFactor(), f.isPublic(), f.disabled(), f.description(),
                    specs.getOrDefault(f.id(), Map.of())));
        }
        return out;
    }

    private FlavorRow row(ResultSet rs) throws SQLException {
        return new FlavorRow(rs.getString("flavorid"), rs.getString("name"), rs.getInt("vcpus"),
                rs.getInt("memory_mb"), rs.getInt("root_gb"), rs.getInt("ephemeral_gb"), rs.getInt("swap"),
                rs.getDouble("rxtx_factor"), rs.getBoolean("is_public"), rs.getBoolean("disabled"),
                rs.getString("description"), Map.of());
    }
}

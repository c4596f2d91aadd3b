package dev.stratus.network.persistence;

import dev.stratus.common.persistence.Db;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The {@code tags} table: tags of any resource, by resource type (its collection name) and id. */
@ApplicationScoped
public class TagRepository {

    private final Db db;

    public TagRepository(Db db) {
        this.db = db;
    }

    public List<String> tags(String type, String id) {
        return db.list("select tag from tags where resource_type = ? and resource_id = ? order by tag",
                rs -> rs.getString(1), type, id);
    }

    /** Tags of many resources of one type at once, for listings. */
    public Map<String, List<String>> tags(String type, List<String> ids) {
        Map<String, List<String>> out = new HashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        db.list("select resource_id, tag from tags where resource_type = ? and resource_id = any(?) "
                + "order by resource_id, tag", rs -> new String[] {rs.getString(1), rs.getString(2)}, type, ids)
                .forEach(r -> out.computeIfAbsent(r[0], k -> new ArrayList<>()).add(r[1]));
        return out;
    }

    public boolean has(String type, String id, String tag) {
        return db.count("select count(*) from tags where resource_type = ? and resource_id = ? and tag = ?", type, id,
                tag) > 0;
    }

    public void add(String type, String id, String tag) {
        db.update("insert into tags (resource_type, resource_id, tag) values (?, ?, ?) on conflict do nothing", type, id,
                tag);
    }

    public boolean remove(String type, String id, String tag) {
        return db.update("delete from tags where resource_type = ? and resource_id = ? and tag = ?", type, id, tag) > 0;
    }

    public void replace(String type, String id, List<String> tags) {
        removeAll(type, id);
        db.batch("insert into tags (resource_type, resource_id, tag) values (?, ?, ?)",
                tags.stream().map(t -> new Object[] {type, id, t}).toList());
    }

    public void removeAll(String type, String id) {
        db.update("delete from tags where resource_type = ? and resource_id = ?", type, id);
    }

    public long count(String type, String id) {
        return db.count("select count(*) from tags where resource_type = ? and resource_id = ?", type, id);
    }
}

package dev.stratus.network.persistence;

import dev.stratus.common.persistence.Db;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/** The {@code auto_allocated_topologies} table: a project's auto-allocated network and router. */
@ApplicationScoped
public class AutoAllocatedTopologyRepository {

    /** One project's topology; {@code routerId} is null once its router was deleted. */
    public record Topology(String projectId, String networkId, String routerId) {
    }

    private final Db db;

    public AutoAllocatedTopologyRepository(Db db) {
        this.db = db;
    }

    /** Serialises the builders and destroyers of one project's topology until the transaction ends. */
    public void lock(String projectId) {
        db.lock("auto-allocated-topology", projectId);
    }

    public Optional<Topology> find(String projectId) {
        return db.one("select project_id, network_id, router_id from auto_allocated_topologies where project_id = ?",
                rs -> new Topology(rs.getString(1), rs.getString(2), rs.getString(3)), projectId);
    }

    public void insert(Topology t) {
        db.update("insert into auto_allocated_topologies (project_id, network_id, router_id) values (?, ?, ?)",
                t.projectId(), t.networkId(), t.routerId());
    }
}

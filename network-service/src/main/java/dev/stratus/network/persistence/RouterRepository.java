package dev.stratus.network.persistence;

import dev.stratus.common.persistence.Db;
import dev.stratus.network.api.StructuredValues.Route;
import dev.stratus.network.persistence.listing.Column;
import dev.stratus.network.persistence.listing.ListQuery;
import dev.stratus.network.persistence.listing.ResourceColumns;
import dev.stratus.network.persistence.listing.SqlListing;
import dev.stratus.network.persistence.listing.Where;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The {@code routers} and {@code router_routes} tables. */
@ApplicationScoped
public class RouterRepository {

    private static final String COLUMNS = "r.id, r.project_id, r.name, r.admin_state_up, r.status, r.gw_port_id, "
            + "r.gw_network_id, r.enable_snat, " + StandardAttributes.columns("r");

    public static final ResourceColumns LISTING = new ResourceColumns("routers", "r", "routers")
            .column("id", Column.text("r.id"))
            .column("name", Column.text("r.name"))
            .column("description", Column.text("r.description"))
            .column("project_id", Column.text("r.project_id"))
            .column("tenant_id", Column.text("r.project_id"))
            .column("admin_state_up", Column.bool("r.admin_state_up"))
            .column("status", Column.text("r.status"))
            .column("revision_number", Column.integer("r.revision_number"))
            .column("created_at", Column.time("r.created_at"))
            .column("updated_at", Column.time("r.updated_at"));

    private final Db db;

    public RouterRepository(Db db) {
        this.db = db;
    }

    public void insert(RouterRow r) {
        db.update("insert into routers (id, project_id, name, description, admin_state_up, status, enable_snat) "
                + "values (?, ?, ?, ?, ?, ?, ?)", r.id(), r.projectId(), r.name(), r.standard().description(),
                r.adminStateUp(), r.status(), r.enableSnat());
    }

    public Optional<RouterRow> find(String id) {
        return withRoutes(db.list("select " + COLUMNS + " from routers r where r.id = ?", RouterRepository::row, id))
                .stream().findFirst();
    }

    /** The router, locked until the transaction ends (interfaces and gateway change one writer at a time). */
    public Optional<RouterRow> lock(String id) {
        return withRoutes(db.list("select " + COLUMNS + " from routers r where r.id = ? for update",
                RouterRepository::row, id)).stream().findFirst();
    }

    public Optional<List<RouterRow>> list(ListQuery query, Where visibility) {
        return SqlListing.page(db, LISTING, query, visibility).map(page -> page.flip(withRoutes(
                db.list(page.sql(COLUMNS, LISTING.from()), RouterRepository::row, page.where().params().toArray()))));
    }

    public void update(String id, Map<String, Object> columns) {
        Updates.apply(db, "routers", id, columns);
    }

    public void setGateway(String id, String portId, String networkId, boolean enableSnat) {
        db.update("update routers set gw_port_id = ?, gw_network_id = ?, enable_snat = ?, " + StandardAttributes.BUMP
                + " where id = ?", portId, networkId, enableSnat, id);
    }

    public void bump(String id) {
        db.update("update routers set " + StandardAttributes.BUMP + " where id = ?", id);
    }

    public void replaceRoutes(String id, List<Route> routes) {
        db.update("delete from router_routes where router_id = ?", id);
        db.batch("insert into router_routes (router_id, destination, nexthop) values (?, ?, ?)",
                routes.stream().map(r -> new Object[] {id, r.destination(), r.nexthop()}).toList());
    }

    public boolean delete(String id) {
        return db.update("delete from routers where id = ?", id) > 0;
    }

    public long countByProject(String projectId) {
        return db.count("select count(*) from routers where project_id = ?", projectId);
    }

    /** Routers with a gateway on the external network and an interface on one of the subnets. */
    public List<String> routersBetween(String externalNetworkId, List<String> subnetIds) {
        return db.list("select distinct r.id from routers r join ports p on p.device_id = r.id "
                + "and p.device_owner = 'network:router_interface' join ip_allocations a on a.port_id = p.id "
                + "where r.gw_network_id = ? and a.subnet_id = any(?) order by r.id", rs -> rs.getString(1),
                externalNetworkId, subnetIds);
    }

    private List<RouterRow> withRoutes(List<RouterRow> routers) {
        if (routers.isEmpty()) {
            return routers;
        }
        Map<String, List<Route>> routes = new HashMap<>();
        db.list("select router_id, destination, nexthop from router_routes where router_id = any(?) "
                + "order by router_id, destination, nexthop", rs -> new String[] {rs.getString(1), rs.getString(2),
                        rs.getString(3)}, routers.stream().map(RouterRow::id).toList())
                .forEach(r -> routes.computeIfAbsent(r[0], k -> new ArrayList<>()).add(new Route(r[1], r[2])));
        return routers.stream().map(r -> new RouterRow(r.id(), r.projectId(), r.name(), r.adminStateUp(), r.status(),
                r.gwPortId(), r.gwNetworkId(), r.enableSnat(), routes.getOrDefault(r.id(), List.of()), r.standard()))
                .toList();
    }

    static RouterRow row(ResultSet rs) throws SQLException {
        return new RouterRow(rs.getString("id"), rs.getString("project_id"), rs.getString("name"),
                rs.getBoolean("admin_state_up"), rs.getString("status"), rs.getString("gw_port_id"),
                rs.getString("gw_network_id"), rs.getBoolean("enable_snat"), List.of(), StandardAttributes.read(rs));
    }
}
